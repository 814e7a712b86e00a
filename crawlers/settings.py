"""Scrapy settings for Pantau's crawlers. Values come from Pantau's settings at run time
(crawlers/run.py); the defaults here are the polite ones."""

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Respect publishers: robots.txt, a real user agent with a contact URL, throttling.
ROBOTSTXT_OBEY = True
USER_AGENT = "PantauBot/0.1 (+https://github.com/pantau-id/pantau; election news monitor)"
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2

# Faults: bounded retries for transient errors, a hard cap on page size.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Runs closest to the downloader, after robots.txt and retries, so those see real URLs.
    "crawlers.middlewares.HostMapMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.NormalizePipeline": 100,
    "crawlers.pipelines.DedupPipeline": 200,
    "crawlers.pipelines.StorePipeline": 900,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
