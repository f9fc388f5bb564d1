"""Events' domain: one module per area. Views and the API call these functions, which check,
write, log and notify; ``requests`` and ``invitations`` are the event requests' and invitation
subscribers' areas."""
