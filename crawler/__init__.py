"""capexwatch: find announced capital spending in Korean tech and economy news."""

__version__ = "0.1.0"
