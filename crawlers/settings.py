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

PANTAU_RETRY_AFTER_MAX = 30  # seconds; a longer Retry-After is not waited for

# What to crawl: listing pages per template, sitemap index children, sitemap URL age.
PANTAU_LISTING_MAX_PAGES = 3
PANTAU_SITEMAP_MAX_CHILDREN = 10
PANTAU_SITEMAP_MAX_AGE_DAYS = 7  # 0 = no limit
# Health: a source whose outlet parser missed on more than this share of at least
# PANTAU_LAYOUT_MIN_PAGES pages in one crawl is flagged layout_changed.
PANTAU_LAYOUT_MIN_PAGES = 5
PANTAU_LAYOUT_MISS_SHARE = 0.5

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.RetryAfterMiddleware": 550,
    "crawlers.middlewares.RedirectLoopMiddleware": 610,
    "crawlers.middlewares.ConditionalRequestMiddleware": 650,
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
