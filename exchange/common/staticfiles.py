"""How production stores its static files: WhiteNoise's compressed manifest storage, with every
file's name carrying a hash of its contents, so browsers may keep each one for a year.

``collectstatic`` writes each file under a hashed name with gzip (and Brotli, where the
``brotli`` package is installed) copies beside it; WhiteNoise serves the compressed copy a browser
accepts, and a hashed name with ``Cache-Control: max-age=315360000, public, immutable``.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage as WhiteNoiseStorage


class CompressedManifestStaticFilesStorage(WhiteNoiseStorage):
    # app.js imports govuk-frontend as an ES module: without this the import keeps the plain
    # name, which changes contents under the same name and so is cached for 60 seconds only.
    support_js_module_import_aggregation = True
