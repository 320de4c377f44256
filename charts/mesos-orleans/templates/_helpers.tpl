{{/* The release's base name, at most 63 characters as Kubernetes names must be. */}}
{{- define "mesos-orleans.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mesos-orleans.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "mesos-orleans.postgresSecret" -}}
{{- if .Values.postgres.existingSecret -}}{{ .Values.postgres.existingSecret }}{{- else -}}{{ include "mesos-orleans.fullname" . }}-postgres{{- end -}}
{{- end -}}

{{- define "mesos-orleans.authSecret" -}}
{{- if .Values.auth.existingSecret -}}{{ .Values.auth.existingSecret }}{{- else -}}{{ include "mesos-orleans.fullname" . }}-auth{{- end -}}
{{- end -}}

{{- define "mesos-orleans.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
