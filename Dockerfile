# syntax=docker/dockerfile:1
# The gRPC server as a container: built with the SDK, run on the ASP.NET Core runtime image as the
# image's non-root "app" user. Build from the repository root:
#   docker build -t reportvalidation/server:1.0.0 .
# Without a Docker daemon, see README "Deploy" (buildah/podman/kaniko take this file as it is; the
# SDK's own container support needs no Dockerfile at all).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files alone, so source edits reuse the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ReportValidation.Engine/ReportValidation.Engine.csproj src/ReportValidation.Engine/
COPY src/ReportValidation.Server/ReportValidation.Server.csproj src/ReportValidation.Server/
# ReadyToRun: the image starts with compiled code instead of JIT-compiling under its first load
# (the runtime identifier follows the platform being built: linux-x64 or linux-arm64).
ARG TARGETARCH=amd64
RUN echo "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" > /tmp/rid \
 && dotnet restore src/ReportValidation.Server/ReportValidation.Server.csproj -r "$(cat /tmp/rid)" -p:PublishReadyToRun=true
COPY protos/ protos/
COPY src/ReportValidation.Engine/ src/ReportValidation.Engine/
COPY src/ReportValidation.Server/ src/ReportValidation.Server/
RUN dotnet publish src/ReportValidation.Server/ReportValidation.Server.csproj \
      -c Release --no-restore -r "$(cat /tmp/rid)" --self-contained false -p:PublishReadyToRun=true \
      -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app ./
# The server binds its own two ports (Server__GrpcPort, Server__HttpPort); the image's default
# ASPNETCORE_HTTP_PORTS=8080 would only draw an "overriding addresses" warning.
ENV ASPNETCORE_HTTP_PORTS= \
    DOTNET_ENVIRONMENT=Production
# A 32 MB gen-0 budget (the runtime reads it from the environment only). With the default one, a
# busy core collected every ~20 misses, and the documents of the calls waiting for the engine
# survived each collection into gen 1 and gen 2: under h2load, 49 collections (5 of gen 2) per 3,000
# misses became 22 (none of gen 2), and a miss 386-420 µs of the core became 320-333 µs, for about
# 16 MB more resident memory (README, "Service performance"). bench/run.sh gives its servers the same.
ENV DOTNET_GCgen0size=0x2000000
# 5080: gRPC, HTTP/2 only (and the Kubernetes gRPC probes); 5081: gRPC-Web, JSON, page, /metrics.
EXPOSE 5080 5081
# $APP_UID (1654) is the aspnet image's unprivileged "app" user; k8s runs it with runAsNonRoot and a
# read-only root filesystem (only /tmp is writable, an emptyDir).
USER $APP_UID
ENTRYPOINT ["dotnet", "ReportValidation.Server.dll"]
