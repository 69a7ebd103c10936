package rules

import "github.com/streamlint/streamlint/checker/model"

// The LNT rules come from Go: they are about the linter's own inputs.
const (
	Suppression = "LNT001"
	Load        = "LNT002"
	Unresolved  = "LNT003"
)

// Go returns the metadata of the rules implemented in Go.
func Go() []*Rule {
	return []*Rule{
		{
			ID:       Suppression,
			Title:    "Suppression without a reason, or that suppresses nothing",
			Severity: model.SeverityWarning,
			Description: "A `# streamlint:ignore ID -- reason` comment silences a finding on its line (or, on a line of its own, the line below); " +
				"`# streamlint:ignore-file ID -- reason` silences the rule for the whole file. A suppression must name the rules it silences and say why, " +
				"so reviewers can judge it, and it must still silence something: a stale one hides the next real problem on that line.",
			Remediation: "Add ` -- why this is acceptable here` after the rule ids, or remove a suppression that no longer silences anything.",
			Related:     []Link{{URL: "https://github.com/streamlint/streamlint/blob/main/README.md#suppressions-and-baselines", Description: "streamlint README, suppressions and baselines"}},
		},
		{
			ID:       Load,
			Title:    "File cannot be read or parsed",
			Severity: model.SeverityError,
			Description: "A configuration file (compose, properties, spark-defaults.conf, the config file) could not be read or parsed, " +
				"or docker compose would reject it. Nothing in it can be checked, so the run fails with exit code 2 whatever --fail-on says. " +
				"It is reported under errors, not findings, and cannot be disabled or suppressed. A job file the extractor cannot follow is a note instead, " +
				"and so is what docker compose would refuse in a compose project with no Kafka or Spark in it (an Airflow or a documentation site's file beside the pipeline).",
			Remediation: "Fix the file so that docker compose (or Spark) can load it: the message gives the line and what the parser expected.",
			Related:     []Link{{URL: "https://docs.docker.com/reference/compose-file/", Description: "Compose file reference"}},
		},
		{
			ID:       Unresolved,
			Title:    "Reference cannot be resolved",
			Severity: model.SeverityWarning,
			Description: "A reference that cannot be resolved: a missing env_file, an unset ${VAR} without a default, a ${VAR:?message}, " +
				"or a mounted configuration file that is not in the repository. streamlint interpolates only from the project's .env and " +
				"--env-file files (the process environment only with --use-env), treats the value as unknown and checks the rest of the file. " +
				"An unset variable used only in the values of settings whose name holds a secret (KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}) " +
				"is not reported: that is how SEC001 asks secrets to be written, with the value in an untracked .env or the CI's secrets, and no rule needs it. " +
				"Nor are the variables every login shell sets (HOME, USER, LOGNAME, PWD, PATH, SHELL), nor a compose project with no Kafka or Spark in it.",
			Remediation: "Add the variable to the project's .env (or pass --env-file), give it a default (${VAR:-value}), or commit the referenced file.",
			Related:     []Link{{URL: "https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/", Description: "Compose variable interpolation"}},
		},
	}
}

// GoRule returns the metadata of the Go rule id, nil when id is not one.
func GoRule(id string) *Rule {
	for _, r := range Go() {
		if r.ID == id {
			return r
		}
	}
	return nil
}
