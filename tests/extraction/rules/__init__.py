"""The extractor's rules, one test module per topic (dates, places, groups, people, figures...)."""
