/** A realistic Compose + Traefik stack used by the label tests (line numbers matter: tests assert them). */
export const STACK = `name: shop
services:
  traefik:
    image: traefik:v3.1
    command:
      - "--providers.docker=true"
      - "--providers.docker.exposedbydefault=false"
      - "--providers.docker.network=shop_proxy"
      - "--providers.file.filename=/etc/traefik/dynamic.yml"
      - "--entrypoints.web.address=:80"
      - "--entrypoints.web.http.redirections.entrypoint.to=websecure"
      - "--entrypoints.websecure.address=:443"
      - "--entrypoints.mqtts.address=:8883"
      - "--certificatesresolvers.le.acme.httpchallenge.entrypoint=web"
      - "--certificatesresolvers.le.acme.storage=/letsencrypt/acme.json"
      - "--api.dashboard=true"
    ports:
      - "80:80"
      - "443:443"
      - "8883:8883"
    networks: [proxy]
    labels:
      - "traefik.enable=true"
      - "traefik.http.routers.dashboard.rule=Host(\`traefik.example.com\`)"
      - "traefik.http.routers.dashboard.entrypoints=websecure"
      - "traefik.http.routers.dashboard.service=api@internal"
      - "traefik.http.routers.dashboard.tls.certresolver=le"
      - "traefik.http.routers.dashboard.middlewares=admin-auth"
      - "traefik.http.middlewares.admin-auth.basicauth.users=admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/,ops:$$apr1$$d9hr9HBB$$4HxwgUir3HP4EsggP/QNo0"
  frontend:
    image: shop/frontend
    expose: ["3000"]
    networks: [proxy]
    labels:
      - traefik.enable=true
      - traefik.http.routers.frontend.rule=Host(\`example.com\`) || Host(\`www.example.com\`)
      - traefik.http.routers.frontend.entrypoints=websecure
      - traefik.http.routers.frontend.tls=true
      - traefik.http.routers.frontend.tls.certresolver=le
      - traefik.http.routers.frontend.middlewares=security-headers,gzip
      - traefik.http.middlewares.security-headers.headers.stsSeconds=31536000
      - traefik.http.middlewares.security-headers.headers.stsIncludeSubdomains=true
      - traefik.http.middlewares.security-headers.headers.frameDeny=true
      - traefik.http.middlewares.security-headers.headers.contentTypeNosniff=true
      - traefik.http.middlewares.security-headers.headers.browserXssFilter=true
      - traefik.http.middlewares.security-headers.headers.customFrameOptionsValue=SAMEORIGIN
      - traefik.http.middlewares.security-headers.headers.accessControlAllowOriginList=https://example.com,https://www.example.com
      - traefik.http.middlewares.security-headers.headers.customRequestHeaders.X-Api-Key=s3cr3t
      - traefik.http.middlewares.gzip.compress=true
  api:
    image: shop/api
    ports: ["4000", "9464"]
    networks: [proxy, backend]
    labels:
      traefik.enable: "true"
      traefik.http.routers.api.rule: Host(\`api.example.com\`) && PathPrefix(\`/v1\`)
      traefik.http.routers.api.entrypoints: websecure
      traefik.http.routers.api.tls.certresolver: le
      traefik.http.routers.api.middlewares: api-ratelimit,api-strip,cors@file
      traefik.http.middlewares.api-ratelimit.ratelimit.average: "100"
      traefik.http.middlewares.api-ratelimit.ratelimit.burst: "50"
      traefik.http.middlewares.api-ratelimit.ratelimit.period: 1m
      traefik.http.middlewares.api-strip.stripprefix.prefixes: /v1
      traefik.http.services.api.loadbalancer.server.port: "4000"
  auth:
    image: thomseddon/traefik-forward-auth
    expose: ["4181"]
    networks: [proxy]
    labels:
      - traefik.enable=true
      - traefik.http.routers.auth.rule=Host(\`auth.example.com\`)
      - traefik.http.middlewares.sso.forwardauth.address=http://auth:4181
      - traefik.http.middlewares.sso.forwardauth.trustForwardHeader=true
      - traefik.http.middlewares.sso.forwardauth.authResponseHeaders=X-Forwarded-User,X-Auth-Email
  grafana:
    image: grafana/grafana
    ports: ["3001:3000"]
    networks: [proxy]
    labels:
      - traefik.enable=true
      - traefik.http.routers.grafana.rule=Host(\`example.com\`) && PathPrefix(\`/grafana\`)
      - traefik.http.routers.grafana.middlewares=sso,grafana-allow,to-https
      - traefik.http.middlewares.grafana-allow.ipallowlist.sourcerange=10.0.0.0/8,192.168.0.0/16
      - traefik.http.middlewares.to-https.redirectscheme.scheme=https
      - traefik.http.middlewares.to-https.redirectscheme.permanent=true
  mqtt:
    image: eclipse-mosquitto
    networks: [proxy]
    labels:
      - traefik.enable=true
      - traefik.tcp.routers.mqtt.rule=HostSNI(\`mqtt.example.com\`)
      - traefik.tcp.routers.mqtt.entrypoints=mqtts
      - traefik.tcp.routers.mqtt.tls.passthrough=true
      - traefik.tcp.services.mqtt.loadbalancer.server.port=8883
  postgres:
    image: postgres:16
    networks: [backend]
  worker:
    image: shop/worker
    networks: [backend]
    labels:
      - traefik.http.routers.worker.rule=Host(\`worker.example.com\`)
  legacy:
    image: shop/legacy
    expose: ["8080"]
    networks: [proxy]
    labels:
      - traefik.enable=true
      - traefik.frontend.rule=Host:legacy.example.com
      - traefik.port=8080
  broken:
    image: shop/broken
    expose: ["5000"]
    networks: [backend]
    labels:
      - traefik.enable=true
      - traefik.http.routers.broken.rule=Host(\`broken.example.com\`) && PathPrefix(/x)
      - traefik.http.routers.broken.service=missing
      - traefik.http.routers.broken.entrypoints=websecure,webseure
      - traefik.http.routers.broken.tls.certresolver=letsencrypt
      - traefik.http.routers.broken.tlss=true
`;
