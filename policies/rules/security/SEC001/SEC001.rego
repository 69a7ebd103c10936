# METADATA
# title: Secret written literally in a checked file
# description: |
#   A password, a sasl.jaas.config with a password, a keystore or truststore
#   password, a token or a secret key is written in the repository instead of
#   coming from ${VAR} (interpolated from an untracked .env or the CI's
#   secrets), an env_file that is not committed, or docker secrets. Anyone
#   with read access to the repository, its forks and its CI logs has it.
#   streamlint never prints the value: the model only records that it is
#   there and how it is written.
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/use-secrets/
#     description: Docker Compose, how to use secrets
#   - ref: https://kafka.apache.org/documentation/#security_sasl_jaasconfig
#     description: Kafka, JAAS configuration for brokers
# custom:
#   id: SEC001
#   severity: warning
#   remediation: |
#     Move the value out of the file: `KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}`
#     with the variable in an untracked .env or the CI's secret store, an
#     env_file that is not committed, or a docker secret. Then rotate it: it
#     is in the repository's history.
package streamlint.rules.SEC001

import data.streamlint.lib

_how := "written literally in this file; the value is not repeated here"

deny contains f if {
	some svc in input.services
	some s in svc.secrets
	s.secret == "literal"
	f := lib.finding_for(rego.metadata.chain(), sprintf("service %q: %s is a secret %s", [svc.name, s.name, _how]), s)
}

deny contains f if {
	some b in input.brokers
	some p in b.properties
	p.secret == "literal"
	not _env_secret(b, p)
	f := lib.finding(rego.metadata.chain(), sprintf("broker %q: %s is a secret %s", [b.service, p.key, _how]), p.loc)
}

deny contains f if {
	some app in input.apps
	some k, v in app.settings
	some s in v.all
	s.secret == "literal"
	f := lib.finding(rego.metadata.chain(), sprintf("%s: %s is a secret %s", [lib.app_label(app), k, _how]), s.loc)
}

deny contains f if {
	some app in input.apps
	some src in array.concat(app.sources, app.sinks)
	some k, v in src.options
	v.secret == "literal"
	f := lib.finding(rego.metadata.chain(), sprintf("%s: option %s is a secret %s", [lib.app_label(app), k, _how]), v.loc)
}

# a broker property from the environment is already reported through the
# service's secrets (same place)
_env_secret(b, p) if {
	some svc in input.services
	svc.name == b.service
	some s in svc.secrets
	s.loc == p.loc
}
