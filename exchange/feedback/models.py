"""Page feedback: answers to \"Was this page useful?\"."""
