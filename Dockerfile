# The enforcegraph API image (docker-compose.yml builds it). Same pinned packages as CI.
# The web app is built in its own stage (npm packages from the lock file) and only its output is kept.
FROM node:22-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY web ./
RUN npm run build

FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY enforcegraph ./enforcegraph
COPY ingest ./ingest
COPY ontology ./ontology
COPY api ./api
COPY --from=web /src/api/static ./api/static
COPY queries ./queries
COPY corpus ./corpus
RUN pip install --no-cache-dir --no-deps --no-build-isolation .
RUN useradd --create-home enforcegraph
USER enforcegraph
EXPOSE 8000
CMD ["enforcegraph", "serve"]
