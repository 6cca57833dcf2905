# kinerjabot: multi-stage build. go-sqlite3 needs cgo, so the build stage
# has a C compiler and the runtime stage has the C library it links to.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/kinerjabot ./cmd/kinerjabot

FROM debian:bookworm-slim
# tzdata: Asia/Jakarta and the other Indonesian zones; ca-certificates: HTTPS
# to the Bot API.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tzdata ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin kinerja \
 && mkdir -p /data/kinerjabot.keys && chown -R kinerja /data
COPY --from=build /out/kinerjabot /usr/local/bin/kinerjabot
COPY configs /etc/kinerjabot
USER kinerja
WORKDIR /data
# The SQLite database (and its WAL files) live on the volume.
VOLUME /data
ENV KINERJA_DB=/data/kinerjabot.db \
    KINERJA_HOLIDAYS=/etc/kinerjabot/holidays-*.yaml \
    KINERJA_TIMEZONE=Asia/Jakarta \
    TZ=Asia/Jakarta
# Healthy while the running bot writes its heartbeat (every minute, by its
# scheduler, to its database).
HEALTHCHECK --interval=1m --timeout=10s --start-period=2m --retries=3 \
    CMD ["/usr/local/bin/kinerjabot", "health"]
ENTRYPOINT ["/usr/local/bin/kinerjabot"]
CMD ["run"]
