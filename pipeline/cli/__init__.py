"""The `tracker` command line: one parser (main), the long-running watch loop, and the offline demo.

The only package that ties the stages and the crawlers together.
"""
