// Package lint runs a whole check: discovery, one model per pipeline,
// policy evaluation, and the findings, errors and notes to report, sorted.
package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/rules"
	"github.com/streamlint/streamlint/checker/secret"
	"github.com/streamlint/streamlint/checker/suppress"
	"github.com/streamlint/streamlint/internal/safefile"
)

// Options configure a run.
type Options struct {
	Paths    []string
	Discover discover.Options
	// Disabled rules are not reported; Severity overrides a rule's severity.
	Disabled map[string]bool
	Severity map[string]model.Severity
	DocsURL  string
	Workers  int
	// NoInlineIgnores makes streamlint:ignore comments ineffective.
	NoInlineIgnores bool
	// Augment, when set, is called with each pipeline's model before
	// its evaluation (check --bootstrap-server attaches the running
	// cluster for the drift rules).
	Augment func(*model.Pipeline)

	// profile is the builder's severity profile, set by Run.
	profile string
}

// Report is the outcome of a run.
type Report struct {
	Findings []model.Finding
	Errors   []model.FileError
	Notes    []model.Note
	Files    int
	// Clusters counts the running clusters checked (--bootstrap-server).
	Clusters int
	Rules    []*rules.Rule
}

// Linter holds what is built once per process: the compiled policies and
// the catalogs. The policies may still be compiling when a run starts
// (New): discovery and model building go on meanwhile, and each
// pipeline waits for them only before its evaluation.
type Linter struct {
	builder *pipeline.Builder
	policy  func() (*compiled, error)
}

// compiled is the engine with the rules of both kinds by id.
type compiled struct {
	eng   *engine.Engine
	rules map[string]*rules.Rule
}

// New prepares a Linter whose engine compile returns (called once,
// when first needed; the caller may already be compiling in the
// background and compile then only waits for the result).
func New(compile func() (*engine.Engine, error), builder *pipeline.Builder) *Linter {
	return &Linter{builder: builder, policy: sync.OnceValues(func() (*compiled, error) {
		eng, err := compile()
		if err != nil {
			return nil, err
		}
		byID := map[string]*rules.Rule{}
		for _, r := range eng.Rules() {
			byID[r.ID] = r
		}
		for _, r := range rules.Go() {
			byID[r.ID] = r
		}
		return &compiled{eng: eng, rules: byID}, nil
	})}
}

// Rules lists every rule, Rego and Go, sorted by id (none when the
// policies did not compile).
func (l *Linter) Rules() []*rules.Rule {
	c, err := l.policy()
	if err != nil {
		return nil
	}
	out := make([]*rules.Rule, 0, len(c.rules))
	for _, r := range c.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// pipelineResult is one pipeline's share of the report.
type pipelineResult struct {
	findings []model.Finding
	errors   []model.FileError
	notes    []model.Note
	files    []string
	// directives are the suppression comments of the files read, by
	// display path: parsed in the worker so that a run does not hold
	// every file's content until the end.
	directives map[string][]*suppress.Directive
}

// Run checks the paths.
func (l *Linter) Run(ctx context.Context, opts Options) (*Report, error) {
	if opts.DocsURL == "" {
		opts.DocsURL = rules.DocsURL
	}
	display := l.builder.Display
	opts.profile = l.builder.Profile()
	disc, err := discover.Discover(ctx, opts.Paths, opts.Discover)
	if err != nil {
		return nil, fmt.Errorf("discover: %w", err)
	}
	rep := &Report{}
	for _, p := range disc.Problems {
		rep.Errors = append(rep.Errors, model.FileError{Location: model.Location{File: display(p.Path)}, Message: secret.Redact("cannot read: " + unwrapPathError(p.Err))})
	}
	for _, s := range disc.Skipped {
		rep.Notes = append(rep.Notes, model.Note{Location: model.Location{File: display(s.Path)}, Message: "skipped: " + s.Reason})
	}

	results, err := l.checkAll(ctx, disc.Groups, opts)
	if err != nil {
		return nil, err
	}
	c, err := l.policy()
	if err != nil {
		return nil, fmt.Errorf("load policies:\n%w", err)
	}
	for _, r := range l.Rules() {
		if !opts.Disabled[r.ID] {
			rep.Rules = append(rep.Rules, r)
		}
	}

	directives := rep.collect(results)
	if len(disc.Named) > 0 {
		named := map[string]bool{}
		for p := range disc.Named {
			named[display(p)] = true
		}
		rep.Findings = keepNamed(rep.Findings, named)
	}
	rep.Findings = merge(rep.Findings)
	if !opts.NoInlineIgnores {
		rep.Findings = c.applyInline(rep.Findings, directives, disc.Named, display, opts)
	}
	rep.sort()
	return rep, nil
}

// checkAll checks the pipelines on opts.Workers goroutines (one per CPU by
// default); the results are in the order of groups.
func (l *Linter) checkAll(ctx context.Context, groups []*discover.Group, opts Options) ([]pipelineResult, error) {
	results := make([]pipelineResult, len(groups))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = l.checkPipeline(ctx, groups[i], opts)
			}
		}()
	}
	for i := range groups {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results, ctx.Err()
}

// collect adds the pipelines' findings, errors and notes to the report,
// counts the files, and returns the suppression comments by file.
func (rep *Report) collect(results []pipelineResult) map[string][]*suppress.Directive {
	files := map[string]bool{}
	directives := map[string][]*suppress.Directive{}
	across := acrossPipelines{}
	for i, r := range results {
		for f, d := range r.directives {
			directives[f] = d
		}
		rep.Findings = across.add(rep.Findings, r.findings, i)
		rep.Errors = append(rep.Errors, r.errors...)
		rep.Notes = append(rep.Notes, r.notes...)
		for _, f := range r.files {
			files[f] = true
		}
	}
	for _, e := range rep.Errors {
		files[e.File] = true
	}
	rep.Files = len(files)
	return directives
}

// sort orders findings, errors and notes by location (then rule and
// message) and drops duplicate errors and notes, so output is
// deterministic.
func (rep *Report) sort() {
	sortFindings(rep.Findings)
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Before(rep.Errors[j].Location) })
	rep.Errors = dedupeErrors(rep.Errors)
	sort.SliceStable(rep.Notes, func(i, j int) bool {
		a, b := rep.Notes[i], rep.Notes[j]
		if a.Location != b.Location {
			return a.Before(b.Location)
		}
		return a.Message < b.Message
	})
	rep.Notes = dedupeNotes(rep.Notes)
}

// checkPipeline builds and evaluates one pipeline. A panic is turned
// into an LNT002 error for the pipeline's files; the run goes on.
func (l *Linter) checkPipeline(ctx context.Context, dp *discover.Group, opts Options) (res pipelineResult) {
	defer func() {
		if r := recover(); r != nil {
			file := dp.Root
			if len(dp.Compose) > 0 {
				file = dp.Compose[0]
			} else if len(dp.Files) > 0 {
				file = dp.Files[0].Path
			}
			res = pipelineResult{errors: []model.FileError{{
				Location: model.Location{File: l.builder.Display(file)},
				Message: secret.Redact(fmt.Sprintf("internal error while checking this pipeline: %v; please report it at https://github.com/streamlint/streamlint/issues with the file if you can share it\n%s",
					r, firstFrames(debug.Stack()))),
			}}}
		}
	}()
	built := l.builder.Build(ctx, dp)
	if !opts.NoInlineIgnores {
		res.directives = make(map[string][]*suppress.Directive, len(built.Sources))
		for abs, b := range built.Sources {
			f := l.builder.Display(abs)
			res.directives[f] = suppress.Parse(f, b)
		}
	}
	res.errors = built.Errors
	res.notes = built.Notes
	res.files = built.Pipeline.Files
	c, err := l.policy()
	if err != nil {
		return res // Run reports the compile error
	}
	if opts.Augment != nil {
		opts.Augment(built.Pipeline)
	}
	for _, u := range built.Unresolved {
		if f, ok := c.finding(rules.Unresolved, u.Message, u.Loc, u.Related, "", opts); ok {
			res.findings = append(res.findings, f)
		}
	}
	results, err := c.eng.Eval(ctx, built.Pipeline)
	var failed engine.RuleErrors
	switch {
	case errors.As(err, &failed):
		res.errors = append(res.errors, ruleErrors(built.Pipeline, failed, built.Masker)...)
	case err != nil:
		res.errors = append(res.errors, model.FileError{Location: model.Location{File: built.Pipeline.Root}, Message: built.Masker.Mask(err.Error())})
		maskFindings(res.findings, built.Masker)
		return res
	}
	for _, r := range results {
		if c.rules[r.RuleID] != nil && c.rules[r.RuleID].Scope == rules.ScopeCluster {
			continue // a running cluster's rule (custom.scope: cluster)
		}
		if f, ok := c.finding(r.RuleID, r.Message, r.Location, r.Related, r.Severity, opts); ok {
			f.Related = append(f.Related, built.Origins[f.File]...)
			res.findings = append(res.findings, f)
		}
	}
	maskFindings(res.findings, built.Masker)
	return res
}

// maskFindings runs every message of findings through the pipeline's
// secret masker: a policy (yours too) that prints a value cannot print a
// secret of the pipeline, nor a credential secret.Redact recognises.
func maskFindings(fs []model.Finding, m *secret.Masker) {
	for i := range fs {
		fs[i].Message = m.Mask(elideLongWords(fs[i].Message))
		if len(fs[i].Related) > 0 {
			rel := make([]model.Related, len(fs[i].Related))
			for j, r := range fs[i].Related {
				r.Message = m.Mask(elideLongWords(r.Message))
				rel[j] = r
			}
			fs[i].Related = rel
		}
	}
}

// ruleErrors reports rules that failed on a pipeline, at its first file
// (its compose file, if it has one): the rule's findings are missing,
// every other rule's are kept.
func ruleErrors(p *model.Pipeline, failed engine.RuleErrors, masker *secret.Masker) []model.FileError {
	file := p.Root
	if len(p.Files) > 0 {
		file = p.Files[0]
	}
	out := make([]model.FileError, 0, len(failed))
	for _, re := range failed {
		out = append(out, model.FileError{
			Location: model.Location{File: file},
			Message: masker.Mask(fmt.Sprintf("rule %s failed on this pipeline, so its findings are missing (every other rule's are reported): %v",
				re.RuleID, re.Err)),
		})
	}
	return out
}

// finding attaches a rule's metadata and effective severity: the rule's
// default, or the severity the policy gave this finding (own, when not
// ""), then the profile's and the user's overrides of the rule.
func (c *compiled) finding(id, msg string, loc model.Location, related []model.Related, own model.Severity, opts Options) (model.Finding, bool) {
	r, ok := c.rules[id]
	if !ok || opts.Disabled[id] {
		return model.Finding{}, false
	}
	sev := r.Severity
	if own != "" {
		sev = own
	}
	if p, ok := r.Profiles[opts.profile]; ok {
		if p == "off" {
			return model.Finding{}, false
		}
		sev = model.Severity(p)
	}
	if s, ok := opts.Severity[id]; ok {
		sev = s
	}
	if loc.Line < 1 && !loc.IsURI() { // a kafka:// location has no line
		loc.Line = 1
	}
	if loc.Column < 1 && !loc.IsURI() {
		loc.Column = 1
	}
	return model.Finding{
		RuleID: id, Severity: sev, Title: r.Title, Message: msg, Location: loc,
		Remediation: r.Remediation, Docs: opts.DocsURL + id + ".md", Related: related,
	}, true
}

func keepNamed(fs []model.Finding, named map[string]bool) []model.Finding {
	var out []model.Finding
	for _, f := range fs {
		keep := named[f.File]
		for _, r := range f.Related {
			keep = keep || named[r.File]
		}
		if keep {
			out = append(out, f)
		}
	}
	return out
}

func sortFindings(fs []model.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Location != b.Location {
			return a.Before(b.Location)
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
	for i := range fs {
		sort.SliceStable(fs[i].Related, func(a, b int) bool {
			return fs[i].Related[a].Before(fs[i].Related[b].Location)
		})
	}
}

func dedupeErrors(es []model.FileError) []model.FileError {
	var out []model.FileError
	seen := map[model.FileError]bool{}
	for _, e := range es {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// dedupeNotes drops repeated notes: a job file shared by several
// pipelines (one per compose file of a directory) gets the same note from
// each of them.
func dedupeNotes(ns []model.Note) []model.Note {
	var out []model.Note
	seen := map[model.Note]bool{}
	for _, n := range ns {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func unwrapPathError(err error) string {
	if safefile.ReasonOf(err) != 0 {
		return safefile.Message(err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return strings.Join(lines, "\n")
}

// DisplayFunc returns a function that shows paths relative to dir when
// they are inside it, slash-separated.
func DisplayFunc(dir string) func(string) string {
	return func(abs string) string {
		rel, err := filepath.Rel(dir, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(abs)
		}
		return filepath.ToSlash(rel)
	}
}

// applyInline marks findings silenced by streamlint:ignore comments and
// adds LNT001 for comments without a reason or that silence nothing.
func (c *compiled) applyInline(fs []model.Finding, directives map[string][]*suppress.Directive, named map[string]bool, display func(string) string, opts Options) []model.Finding {
	set := suppress.NewSet()
	names := make([]string, 0, len(directives))
	for f := range directives {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		set.Add(f, directives[f])
	}
	for i := range fs {
		if d := set.Match(fs[i]); d != nil {
			fs[i].Suppressed = &model.Suppression{Kind: "inline", Reason: d.Reason}
		}
	}
	namedDisplay := map[string]bool{}
	for p := range named {
		namedDisplay[display(p)] = true
	}
	for _, p := range set.Problems(func(id string) bool { _, ok := c.rules[id]; return ok }) {
		if len(namedDisplay) > 0 && !namedDisplay[p.Loc.File] {
			continue
		}
		if f, ok := c.finding(rules.Suppression, p.Message, p.Loc, nil, "", opts); ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// Parse builds the model of every pipeline without evaluating policies:
// exactly the input policies see.
func (l *Linter) Parse(ctx context.Context, opts Options) ([]*model.Pipeline, []model.FileError, error) {
	disc, err := discover.Discover(ctx, opts.Paths, opts.Discover)
	if err != nil {
		return nil, nil, fmt.Errorf("discover: %w", err)
	}
	var out []*model.Pipeline
	var errs []model.FileError
	for _, dp := range disc.Groups {
		built := l.builder.Build(ctx, dp)
		out = append(out, built.Pipeline)
		errs = append(errs, built.Errors...)
	}
	return out, errs, nil
}

// maxWord is the longest run of non-blank bytes a message quotes whole.
const maxWord = 512

// elideLongWords replaces each run of non-blank bytes longer than
// maxWord by its length: a rule that quotes a 9 MB value would print it
// whole, and every secret pattern would scan it in every output format.
// The run goes whole, never in part, so no part of a secret it may hold
// is left to print; only a setting's name before its first = or : stays
// (spark.executor.memory=<9000000 bytes not shown>).
func elideLongWords(s string) string {
	if len(s) <= maxWord {
		return s
	}
	var b strings.Builder
	start, last := -1, 0
	flush := func(end int) {
		if start >= 0 && end-start > maxWord {
			if i := strings.IndexAny(s[start:min(end, start+128)], "=:"); i >= 0 {
				start += i + 1
			}
			b.WriteString(s[last:start])
			fmt.Fprintf(&b, "<%d bytes not shown>", end-start)
			last = end
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(s))
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
