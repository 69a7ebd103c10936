package compose

import (
	"errors"
	"sort"

	"github.com/streamlint/streamlint/checker/secret"
)

// variableSecrets are the secrets among the variables interpolation may
// read (.env, --env-file, the process environment with --use-env),
// judged by name and value as a setting would be: ${DB_PASSWORD} written
// under a setting that does not look secret (a size, a replica count)
// carries the password there, where a message or compose-go's error
// would quote it.
func variableSecrets(env map[string]string) []string {
	var out []string
	for name, value := range env {
		out = append(out, secret.Judge(name, value).Parts(value)...)
	}
	sort.Strings(out)
	return out
}

// maskLoadError masks the variables' secrets in an error of the load.
func maskLoadError(err error, secrets []string) error {
	if err == nil || len(secrets) == 0 {
		return err
	}
	m := &secret.Masker{}
	for _, s := range secrets {
		m.Add(s)
	}
	if le := (*LoadError)(nil); errors.As(err, &le) {
		return &LoadError{Loc: le.Loc, Msg: m.Mask(le.Msg)}
	}
	return errors.New(m.Mask(err.Error()))
}
