package jobscan

import (
	"strings"

	"github.com/streamlint/streamlint/checker/spark"
)

// fileFormats are the reader/writer shortcut methods that name a format.
var fileFormats = map[string]bool{
	"parquet": true, "csv": true, "json": true, "text": true, "orc": true, "avro": true, "xml": true,
}

// loadParams are load()/start()/save() keywords that are not options.
var loadParams = map[string]bool{
	"path": true, "format": true, "schema": true, "outputMode": true, "partitionBy": true,
	"queryName": true, "mode": true, "tableName": true,
}

// streamLink interprets one link of a reader or writer chain.
func (s *scanner) streamLink(r role, seg *segment, call *group) role {
	st := r.stream
	if r.closed || st == nil {
		return r // a DataFrame or StreamingQuery method
	}
	s.linked[st] = true
	name := seg.name.text
	write := st.Direction == "write"
	switch {
	case name == "format":
		s.setFormat(st, call.arg(0, "source"))
	case name == "option":
		s.option(st, call.arg(0, "key"), call.arg(1, "value"))
	case name == "options":
		s.options(st, call)
	case name == "queryName" && write:
		s.queryName(st, call.arg(0, "queryName"))
	case name == "trigger" && call != nil:
		st.Trigger = s.trigger(seg, call)
		if st.Trigger.Kind == "" {
			s.notef(seg.name, "trigger(%s) could not be followed", s.text(call.open.end, lastEnd(call)))
		}
	case name == "start" || (name == "save" && write):
		st.StartLoc = s.loc(seg.name)
		s.runArgs(st, call)
		r.closed = true
	case name == "load" && !write:
		s.runArgs(st, call)
		r.closed = true
	case name == "toTable" || name == "saveAsTable" || name == "insertInto" || name == "table":
		// A table sink (or source) whatever provider format() named.
		st.Format, st.FormatLoc = "table", s.loc(seg.name)
		if write {
			st.StartLoc = s.loc(seg.name)
		}
		if (name == "toTable" || name == "saveAsTable") && call != nil {
			// toTable(tableName, format, outputMode, partitionBy,
			// queryName, **options): the options apply
			s.kwargOptions(st, call)
		}
		r.closed = true
	case fileFormats[name] && call != nil:
		st.Format, st.FormatLoc = name, s.loc(seg.name)
		if write {
			st.StartLoc = s.loc(seg.name)
		}
		if p := call.arg(0, "path"); p != nil {
			s.addOption(st, "path", p)
		}
		r.closed = true
	case name == "foreach" || name == "foreachBatch":
		st.Format, st.FormatLoc = name, s.loc(seg.name)
	}
	return r
}

// lastEnd is the end offset of the last argument of g, or of its opener.
func lastEnd(g *group) int {
	if len(g.args) == 0 {
		return g.open.end
	}
	return g.args[len(g.args)-1].end
}

// setFormat records .format(x).
func (s *scanner) setFormat(st *Stream, arg *expr) {
	if arg == nil {
		return
	}
	if f, tok, ok := s.stringLit(arg); ok {
		st.Format, st.FormatLoc = f, s.loc(tok)
		return
	}
	s.notef(arg.tok, "format is not a literal (%s); the stream's format is unknown", s.raw(arg))
}

// option records .option(k, v).
func (s *scanner) option(st *Stream, k, v *expr) {
	if k == nil || v == nil {
		return
	}
	key, _, ok := s.stringLit(k)
	if !ok {
		s.notef(k.tok, "option name is not a literal (%s); the option is not checked", s.raw(k))
		st.OptionsUnknown = true
		return
	}
	s.addOption(st, key, v)
}

// queryName records a writer's query name.
func (s *scanner) queryName(st *Stream, v *expr) {
	if v != nil {
		q := s.setting("queryName", v)
		st.QueryName = &q
	}
}

func (s *scanner) addOption(st *Stream, key string, v *expr) {
	st.Options = append(st.Options, s.setting(key, v))
}

// options records .options(k=v, **m) (Python) and .options(Map(...))
// (Scala).
func (s *scanner) options(st *Stream, call *group) {
	if call == nil {
		return
	}
	for _, a := range call.args {
		switch {
		case a.kind == eKwarg && len(a.items) == 1:
			s.addOption(st, a.name.text, a.items[0])
		case a.kind == eUnary && a.tok.text == "*":
			s.notef(a.tok, "options(%s) could not be followed", s.raw(a))
			st.OptionsUnknown = true
		default:
			m := a
			if a.kind == eUnary && a.tok.text == "**" && len(a.items) == 1 {
				m = a.items[0]
			}
			ps, ok := s.pairs(m)
			for _, p := range ps {
				s.addOption(st, p.key, p.value)
			}
			if !ok {
				s.notef(a.tok, "options(%s) could not be followed; its options are not checked", s.raw(a))
				st.OptionsUnknown = true
			}
		}
	}
}

// runArgs reads load(path, format=..., **options) and start(path,
// format=..., ..., **options) / save(...).
func (s *scanner) runArgs(st *Stream, call *group) {
	if call == nil {
		return
	}
	if f := call.kwarg("format"); f != nil {
		s.setFormat(st, f)
	}
	if p := call.arg(0, "path"); p != nil {
		s.addOption(st, "path", p)
	}
	s.kwargOptions(st, call)
}

// kwargOptions records the keyword arguments of start()/load()/save()/
// toTable()/saveAsTable() that PySpark passes on as options (its
// **options: checkpointLocation=..., **opts), and a writer's queryName.
func (s *scanner) kwargOptions(st *Stream, call *group) {
	if q := call.kwarg("queryName"); q != nil && st.Direction == "write" {
		s.queryName(st, q)
	}
	for _, a := range call.args {
		switch {
		case a.kind == eKwarg && !loadParams[a.name.text] && len(a.items) == 1:
			s.addOption(st, a.name.text, a.items[0])
		case a.kind == eUnary && a.tok.text == "**" && len(a.items) == 1:
			ps, ok := s.pairs(a.items[0])
			for _, p := range ps {
				s.addOption(st, p.key, p.value)
			}
			if !ok {
				s.notef(a.tok, "%s could not be followed; its options are not checked", s.raw(a))
				st.OptionsUnknown = true
			}
		}
	}
}

// Trigger kinds by PySpark trigger keyword and by Scala/Java Trigger
// factory name.
var (
	pyTriggerKeywords = map[string]string{
		"processingTime": "processingTime", "once": "once", "availableNow": "availableNow", "continuous": "continuous",
	}
	triggerFactories = map[string]string{
		"ProcessingTime": "processingTime", "Once": "once", "AvailableNow": "availableNow", "Continuous": "continuous",
	}
)

// trigger reads .trigger(processingTime="5 seconds") and the other
// PySpark keywords, and Scala Trigger.ProcessingTime("5 seconds" | 5000 |
// 5, TimeUnit.SECONDS | 5.seconds), Trigger.Once(), Trigger.AvailableNow(),
// Trigger.Continuous(...).
func (s *scanner) trigger(seg *segment, call *group) *Trigger {
	tr := &Trigger{Loc: s.loc(seg.name)}
	for _, a := range call.args {
		if a.kind != eKwarg || len(a.items) != 1 {
			continue
		}
		if kind, ok := pyTriggerKeywords[a.name.text]; ok {
			tr.Kind = kind
			if kind == "processingTime" || kind == "continuous" {
				s.interval(tr, a.items[0], false)
			} else {
				tr.Loc = s.loc(a.items[0].tok)
			}
			return tr
		}
	}
	pos := call.positional()
	if len(pos) == 0 {
		return tr
	}
	arg := s.resolve(pos[0])
	if arg.kind == eStr {
		tr.Kind = "processingTime"
		s.interval(tr, pos[0], false)
		return tr
	}
	if arg.kind != eChain {
		return tr
	}
	for i := range arg.segs {
		kind, ok := triggerFactories[arg.segs[i].name.text]
		if !ok {
			continue
		}
		tr.Kind = kind
		tr.Loc = s.loc(arg.segs[i].name)
		if g := arg.segs[i].call(); g != nil && (kind == "processingTime" || kind == "continuous") {
			args := g.positional()
			switch {
			case len(args) == 1:
				s.interval(tr, args[0], true)
			case len(args) >= 2:
				tr.Value = strings.TrimSpace(s.raw(args[0]) + ", " + s.raw(args[1]))
				tr.Loc = s.loc(args[0].tok)
				n, _, okN := s.numeric(args[0])
				unit, okU := s.unitOf(args[1])
				if okN && okU {
					tr.Seconds = n * unit
				}
			}
		}
		return tr
	}
	return tr
}

// interval fills a trigger's value from an interval argument: a string in
// Spark's interval syntax, or (Scala, numeric true) a long in milliseconds
// or a scala.concurrent.duration value.
func (s *scanner) interval(tr *Trigger, arg *expr, numeric bool) {
	if text, tok, ok := s.stringLit(arg); ok {
		tr.Value, tr.Loc = text, s.loc(tok)
		secs, err := spark.ParseIntervalSeconds(text)
		tr.Seconds, tr.Invalid = secs, err != nil
		return
	}
	tr.Value, tr.Loc = s.raw(arg), s.loc(arg.tok)
	if !numeric {
		return
	}
	if n, tok, ok := s.numeric(arg); ok {
		tr.Seconds, tr.Loc = n/1000, s.loc(tok)
		return
	}
	if secs, at, ok := s.duration(arg); ok {
		tr.Seconds, tr.Loc = secs, s.loc(at)
	}
}

// Spark Streaming's Duration factories: Seconds(n) and, in the Java API,
// Durations.seconds(n).
var (
	streamingDurations = map[string]float64{"Seconds": 1, "Milliseconds": 1e-3, "Minutes": 60}
	javaDurations      = map[string]float64{"seconds": 1, "milliseconds": 1e-3, "minutes": 60}
)

// duration evaluates a Scala duration: Seconds(n), Milliseconds(n),
// Minutes(n), Durations.seconds(n), 5.seconds, 5 seconds, Duration(5,
// "seconds") or Duration(5, TimeUnit.SECONDS). at is where it is written
// (after following names).
func (s *scanner) duration(e *expr) (secs float64, at token, ok bool) {
	if e == nil {
		return 0, token{}, false
	}
	e = s.resolve(e)
	switch e.kind {
	case eBinary:
		// 5 seconds (postfix) and 5 seconds + ... (take the first term).
		if len(e.ops) > 0 && e.ops[0].kind == tIdent {
			n, _, okN := s.numeric(e.items[0])
			unit, okU := timeUnitSeconds(e.ops[0].text)
			return n * unit, e.tok, okN && okU
		}
	case eChain:
		if e.base != nil && len(e.segs) >= 1 && len(e.segs[0].groups) == 0 {
			n, _, okN := s.numeric(e.base)
			unit, okU := timeUnitSeconds(e.segs[0].name.text)
			return n * unit, e.tok, okN && okU
		}
		last := e.segs[len(e.segs)-1]
		g := last.call()
		if g == nil {
			return 0, token{}, false
		}
		name := last.name.text
		factor, known := streamingDurations[name]
		if f, java := javaDurations[name]; java && len(e.segs) >= 2 && e.segs[len(e.segs)-2].name.text == "Durations" {
			factor, known = f, true
		}
		if known {
			n, _, okN := s.numeric(g.arg(0, ""))
			return n * factor, e.tok, okN
		}
		if name == "Duration" || name == "FiniteDuration" || name == "apply" {
			args := g.positional()
			if len(args) == 2 {
				n, _, okN := s.numeric(args[0])
				unit, okU := s.unitOf(args[1])
				return n * unit, e.tok, okN && okU
			}
		}
	}
	return 0, token{}, false
}

// unitOf evaluates a TimeUnit (TimeUnit.SECONDS, SECONDS) or a unit
// string ("seconds") to seconds.
func (s *scanner) unitOf(e *expr) (float64, bool) {
	if text, _, ok := s.stringLit(e); ok {
		return timeUnitSeconds(text)
	}
	e = s.resolve(e)
	if e.kind != eChain || len(e.segs) == 0 || e.base != nil {
		return 0, false
	}
	return timeUnitSeconds(e.segs[len(e.segs)-1].name.text)
}
