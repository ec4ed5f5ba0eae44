# syntax=docker/dockerfile:1
# The news-digest bot as a small, static, non-root image.
#   docker build -t newsdigest-bot .
#   docker run --rm -e SLACK_BOT_TOKEN=… -e SLACK_APP_TOKEN=… -v newsbot-data:/data newsdigest-bot
# See README.md, "Running it in production".

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# VCS information is stamped from build arguments (the .git folder is not
# copied into the build context).
ARG VERSION=devel
ARG REVISION=unknown
RUN CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath \
      -ldflags "-s -w -X main.buildVersion=${VERSION} -X main.buildRevision=${REVISION} -X main.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      -o /out/bot ./cmd/bot \
 && mkdir -p /out/data

# distroless/static: CA certificates, time zone data, /etc/passwd with the
# nonroot user (65532), no shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /usr/local/bin/bot
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
ENV DATA_DIR=/data \
    HTTP_ADDR=:9090 \
    LOG_FORMAT=json \
    DRAIN_TIMEOUT=8s
VOLUME ["/data"]
EXPOSE 9090
# Ready: store reachable, platform connections up, scheduler running.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/usr/local/bin/bot", "healthcheck", "-ready"]
# SIGTERM drains commands in flight within DRAIN_TIMEOUT (under Docker's
# 10-second default before SIGKILL).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/bot"]
CMD ["run"]
