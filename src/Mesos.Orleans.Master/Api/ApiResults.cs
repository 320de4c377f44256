using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Serialization;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api;

/// <summary>Responses of the API: JSON in the system's conventions, errors in Marathon's shape.</summary>
internal static class ApiResults
{
    public static IResult Ok<T>(T value) => Results.Json(value, Json.Options);

    public static IResult Created<T>(T value) => Results.Json(value, Json.Options, statusCode: StatusCodes.Status201Created);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult BadRequest(string message, IEnumerable<ApiErrorDetail>? details = null) =>
        Error(StatusCodes.Status400BadRequest, message, details);

    /// <summary>422 with every problem and its path, as Marathon answers an invalid app.</summary>
    public static IResult Invalid(IEnumerable<FieldError> errors, Func<FieldPath, string>? renderPath = null)
    {
        var render = renderPath ?? (p => p.ToString());
        var details = errors.GroupBy(e => render(e.Path))
            .Select(g => new ApiErrorDetail(g.Key, g.Select(e => e.Message).Distinct().ToList()))
            .ToList();
        return Error(StatusCodes.Status422UnprocessableEntity, "Object is not valid", details);
    }

    public static IResult Error(int status, string message, IEnumerable<ApiErrorDetail>? details = null) =>
        Results.Json(new ApiError(message, details?.ToList()), Json.Options, statusCode: status);
}
