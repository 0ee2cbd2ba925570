"""Showing entries: plain text (pipes and files), the terminal (Rich), and JSON.

Renderers take what the library found (index Records, search Hits, a Summary) and
return text, Rich renderables or plain data; they never read files or query the index.
``words`` holds the phrasing they share, so the three views say the same things.
"""
