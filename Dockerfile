# Pantau application image: the API/pages (`pantau serve`) or the full runner (`pantau run`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PANTAU_DATA_DIR=/data PANTAU_HOST=0.0.0.0
RUN useradd --create-home --uid 1000 pantau && mkdir /data && chown pantau /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY pantau pantau
COPY store store
COPY crawlers crawlers
COPY nlp nlp
COPY api api
COPY alerts alerts
COPY models models
RUN pip install '.[search]'
USER pantau
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["pantau", "run"]
