package jobscan

import (
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// confGetters are the methods of SparkConf and of the runtime
// configuration (spark.conf) that read one key: get(key), get(key,
// default), getOption(key) and SparkConf's typed getters.
var confGetters = map[string]bool{
	"get": true, "getOption": true,
	"getInt": true, "getLong": true, "getDouble": true, "getBoolean": true,
	"getSizeAsBytes": true, "getSizeAsKb": true, "getSizeAsMb": true, "getSizeAsGb": true,
	"getTimeAsMs": true, "getTimeAsSeconds": true,
}

// confLike is true for the name of a receiver that holds a Spark
// configuration where the scanner has not seen it made: conf, sparkConf,
// spark_conf, getConf (sc.getConf(), spark.sparkContext.getConf). A name
// such as config, settings or os.environ is not one.
func confLike(name string) bool {
	n := strings.ToLower(name)
	return n == "getconf" || n == "conf" || strings.HasSuffix(n, "_conf") || (strings.HasSuffix(n, "conf") && strings.HasPrefix(n, "spark"))
}

// confRead records the key a configuration getter reads, when the key is
// a string literal (or a name that resolves to one).
func (s *scanner) confRead(seg *segment, call *group) {
	if call == nil {
		return
	}
	if key, _, ok := s.stringLit(call.arg(0, "key")); ok && key != "" {
		s.job.ConfReads = append(s.job.ConfReads, ConfRead{Key: key, Loc: s.loc(seg.name)})
	}
}

// keyed records key = v when v is present.
func (s *scanner) keyed(key string, v *expr) {
	if v != nil {
		s.job.Settings = append(s.job.Settings, s.setting(key, v))
	}
}

// setting builds a code setting from a key and the value expression.
func (s *scanner) setting(key string, v *expr) model.Setting {
	st := model.Setting{Key: key, Source: model.SourceCode, Branches: s.branchesAt(v.tok)}
	if val, tok, ok := s.literal(v); ok {
		st.Value, st.Loc = val, s.loc(tok)
		return st
	}
	st.Value, st.Unresolved, st.Loc = s.raw(v), true, s.loc(v.tok)
	return st
}

// keyValue records a (key, value) call such as .set(k, v) or
// .config(key=k, value=v). With strict, a key that is not a literal is
// noted.
func (s *scanner) keyValue(call *group, strict bool) {
	k, v := call.arg(0, "key"), call.arg(1, "value")
	if k == nil || v == nil {
		return
	}
	key, _, ok := s.stringLit(k)
	if !ok {
		if strict {
			s.notef(k.tok, "configuration key is not a literal (%s); the setting is not checked", s.raw(k))
		}
		return
	}
	s.job.Settings = append(s.job.Settings, s.setting(key, v))
}

// builderConfig handles SparkSession.builder.config: (key, value),
// (key=..., value=...) and (map={...}); (conf) is read where the SparkConf
// is built. Outside a known builder (strict false) only a literal key
// counts.
func (s *scanner) builderConfig(call *group, strict bool) {
	if call == nil {
		return
	}
	if m := call.kwarg("map"); m != nil {
		s.settingPairs(m)
		return
	}
	if call.arg(1, "value") == nil {
		return
	}
	s.keyValue(call, strict)
}

// settingPairs records every pair of a literal map as a setting.
func (s *scanner) settingPairs(m *expr) {
	ps, ok := s.pairs(m)
	for _, p := range ps {
		s.job.Settings = append(s.job.Settings, s.setting(p.key, p.value))
	}
	if !ok {
		s.notef(m.tok, "could not read every entry of %s; settings in it are not checked", s.raw(m))
	}
}

// confMethod handles the SparkConf setters.
func (s *scanner) confMethod(name string, call *group, strict bool) {
	if call == nil {
		return
	}
	switch name {
	case "set":
		s.keyValue(call, strict)
	case "setMaster":
		s.keyed("spark.master", call.arg(0, "value"))
	case "setAppName":
		s.keyed("spark.app.name", call.arg(0, "value"))
	case "setAll":
		if arg := call.arg(0, "pairs"); arg != nil {
			s.settingPairs(arg)
		}
	}
}
