# The enforcegraph API image (docker-compose.yml builds it). Same pinned packages as CI.
FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY enforcegraph ./enforcegraph
COPY ingest ./ingest
COPY ontology ./ontology
COPY api ./api
COPY queries ./queries
COPY corpus ./corpus
RUN pip install --no-cache-dir --no-deps --no-build-isolation .
RUN useradd --create-home enforcegraph
USER enforcegraph
EXPOSE 8000
CMD ["enforcegraph", "serve"]
