package lint

import (
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
)

// LNT rules come from Go: they are about the linter's own inputs.
const (
	RuleSuppression = "LNT001"
	RuleLoad        = "LNT002"
	RuleUnresolved  = "LNT003"
)

// GoRules returns the metadata of the rules implemented in Go.
func GoRules() []*engine.Rule {
	return []*engine.Rule{
		{
			ID:       RuleSuppression,
			Title:    "Suppression without a reason, or that suppresses nothing",
			Severity: model.SeverityWarning,
			Description: "A `# streamlint:ignore ID -- reason` comment silences a finding on its line (or, on a line of its own, the line below); " +
				"`# streamlint:ignore-file ID -- reason` silences the rule for the whole file. A suppression must name the rules it silences and say why, " +
				"so reviewers can judge it, and it must still silence something: a stale one hides the next real problem on that line.",
			Remediation: "Add ` -- why this is acceptable here` after the rule ids, or remove a suppression that no longer silences anything.",
			Related:     []engine.Link{{URL: "https://github.com/streamlint/streamlint/blob/main/README.md#suppressing-findings", Description: "streamlint README, suppressing findings"}},
		},
		{
			ID:       RuleLoad,
			Title:    "File cannot be read or parsed",
			Severity: model.SeverityError,
			Description: "A configuration file (compose, properties, spark-defaults.conf, the config file) could not be read or parsed, " +
				"or docker compose would reject it. Nothing in it can be checked, so the run fails with exit code 2 whatever --fail-on says. " +
				"It is reported under errors, not findings, and cannot be disabled or suppressed. A job file the extractor cannot follow is a note instead.",
			Remediation: "Fix the file so that docker compose (or Spark) can load it: the message gives the line and what the parser expected.",
			Related:     []engine.Link{{URL: "https://docs.docker.com/reference/compose-file/", Description: "Compose file reference"}},
		},
		{
			ID:       RuleUnresolved,
			Title:    "Reference cannot be resolved",
			Severity: model.SeverityWarning,
			Description: "A reference that cannot be resolved: a missing env_file, an unset ${VAR} without a default, a ${VAR:?message}, " +
				"or a mounted configuration file that is not in the repository. streamlint interpolates only from the project's .env and " +
				"--env-file files (the process environment only with --use-env), treats the value as unknown and checks the rest of the file.",
			Remediation: "Add the variable to the project's .env (or pass --env-file), give it a default (${VAR:-value}), or commit the referenced file.",
			Related:     []engine.Link{{URL: "https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/", Description: "Compose variable interpolation"}},
		},
	}
}
