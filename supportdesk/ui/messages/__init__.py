"""Words ready when they are hard to find: sending a kept message, and keeping them."""
