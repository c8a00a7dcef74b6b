"""The Human Trafficking Intelligence Gazette: a restricted monthly digest of agents, routes and
prices, composed by analysts and the ATU monitoring cell from what they may read."""
