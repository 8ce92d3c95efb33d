"""The CHEC2024-181 protocol's eligibility rules, built on the scores and criteria."""
