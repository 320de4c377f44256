# The mesos-orleans image: one executable for every role (master, agent, up, and the client commands).
#   docker build -t mesos-orleans:dev .
#   docker run --rm mesos-orleans:dev master --store "Host=db;Database=mesos;Username=mesos" --listen http://0.0.0.0:5050 --advertise http://$(hostname -i):5050

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer survives source edits.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Mesos.Orleans.Telemetry/Mesos.Orleans.Telemetry.csproj src/Mesos.Orleans.Telemetry/
COPY src/Mesos.Orleans.Core/Mesos.Orleans.Core.csproj src/Mesos.Orleans.Core/
COPY src/Mesos.Orleans.Runtime/Mesos.Orleans.Runtime.csproj src/Mesos.Orleans.Runtime/
COPY src/Mesos.Orleans.Contracts/Mesos.Orleans.Contracts.csproj src/Mesos.Orleans.Contracts/
COPY src/Mesos.Orleans.Storage/Mesos.Orleans.Storage.csproj src/Mesos.Orleans.Storage/
COPY src/Mesos.Orleans.Grains/Mesos.Orleans.Grains.csproj src/Mesos.Orleans.Grains/
COPY src/Mesos.Orleans.Docker/Mesos.Orleans.Docker.csproj src/Mesos.Orleans.Docker/
COPY src/Mesos.Orleans.Agent/Mesos.Orleans.Agent.csproj src/Mesos.Orleans.Agent/
COPY src/Mesos.Orleans.Master/Mesos.Orleans.Master.csproj src/Mesos.Orleans.Master/
COPY src/Mesos.Orleans.Cli/Mesos.Orleans.Cli.csproj src/Mesos.Orleans.Cli/
RUN dotnet restore src/Mesos.Orleans.Cli/Mesos.Orleans.Cli.csproj
COPY src/ src/
RUN dotnet publish src/Mesos.Orleans.Cli/Mesos.Orleans.Cli.csproj -c Release --no-restore -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Process tasks run under /bin/sh with setsid (util-linux), as on any agent host.
RUN apt-get update \
 && apt-get install -y --no-install-recommends util-linux ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out ./
ENV DOTNET_gcServer=0
EXPOSE 5050 5051
VOLUME ["/var/lib/mesos-orleans"]
ENTRYPOINT ["/app/mesos-orleans"]
CMD ["--help"]
