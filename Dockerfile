# aksguard's image: the CLI (scan --in-cluster --write-reports) and the admission webhook (serve), for the chart in
# deploy/helm/aksguard. Distroless Node.js 20: no shell, no package manager; runs as the non-root user 65532. The chart
# sets a read-only root filesystem (nothing is written outside /tmp, an emptyDir).
#
#   docker build -t <registry>.azurecr.io/aksguard:0.1.0 .

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the build below is the only step that runs code.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --ignore-scripts

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY docs/rules ./docs/rules
COPY schema ./schema
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/aksguard.js"]
CMD ["--help"]
