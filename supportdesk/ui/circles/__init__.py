"""The circles map: "me" at the centre, supporters on three rings, and its list twin."""
