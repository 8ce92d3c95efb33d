"""Published classification criteria and definitions, built on the scores."""
