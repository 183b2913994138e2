-- IMBridge, the MSN transport, as an external component (XEP-0114) of Prosody.
--
-- Append this section to /etc/prosody/prosody.cfg.lua (or save it as
-- /etc/prosody/conf.d/imbridge.cfg.lua), set the domain and the secret, then: prosodyctl reload
--
-- Prosody listens for components on 127.0.0.1 port 5347 by default; to change that, set in the
-- global section (before any VirtualHost):  component_ports = { 5347 }  component_interfaces = { "127.0.0.1" }
-- The domain must resolve for other servers only if users of other servers are to use the transport.
-- The demo (imbridge demo) starts Prosody with exactly this section.

Component "msn.example.org"
    component_secret = "CHANGE-ME" -- the same as component.secret in transport.yaml

-- Optional, XEP-0356 (the transport writes MSN contacts straight into rosters): install
-- prosody-modules, add "/usr/lib/prosody/modules" to plugin_paths, uncomment the next line, and in
-- your VirtualHost section add:
--     modules_enabled = { "privilege" }
--     privileged_entities = { ["msn.example.org"] = { roster = "both"; message = "outgoing"; presence = "roster" } }
--    modules_enabled = { "privilege" }
