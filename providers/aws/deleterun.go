package aws

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"k8s.io/utils/clock"
)

// Defaults of DeleteOptions.
const (
	// DefaultMaxRounds rounds in a row without progress, at DefaultInterval,
	// give AWS five minutes to finish what it is doing (an Auto Scaling
	// group terminating its instances takes a few), as kOps' 42 rounds of
	// 10s do.
	DefaultMaxRounds = 60
	// DefaultInterval is the pause between rounds that deleted nothing,
	// at real AWS's speed.
	DefaultInterval = 5 * time.Second
	// DefaultParallel is how many deletions run at once.
	DefaultParallel = 8
)

// DeleteOptions tune DeleteResources.
type DeleteOptions struct {
	// MaxRounds is how many rounds in a row may end without anything
	// deleted (or started) before DeleteResources gives up; 0 means
	// DefaultMaxRounds.
	MaxRounds int
	// Interval is the pause after a round without progress: 0 means
	// DefaultInterval, which suits real AWS; a negative Interval means no
	// pause at all, for an endpoint whose changes are immediate (fakeaws
	// at speed 0). Rounds that delete something follow one another
	// without a pause whatever the Interval.
	Interval time.Duration
	// Clock measures the pauses; nil means the real clock.
	Clock clock.Clock
	// Log receives one line per event ("deleted vpc:vpc-0abc"); nil
	// discards them.
	Log io.Writer
	// Parallel bounds the deletions in flight; 0 means DefaultParallel.
	Parallel int
}

// outcome is where one attempt left a resource.
type outcome int

const (
	// outGone: deleted, or found gone.
	outGone outcome = iota
	// outStarted: AWS accepted the deletion and finishes it on its own
	// (an Auto Scaling group, a NAT gateway); checked again next round.
	outStarted
	// outWaiting: still going away; checked again next round.
	outWaiting
	// outBlocked: refused for now (something still uses it); retried.
	outBlocked
	// outFailed: refused for good (no permission, protected); not retried.
	outFailed
)

// result is an attempt's outcome and, unless gone, why.
type result struct {
	out    outcome
	reason string
}

var (
	resGone    = result{out: outGone}
	resStarted = result{out: outStarted, reason: "deletion started"}
)

func waiting(format string, args ...any) result {
	return result{out: outWaiting, reason: fmt.Sprintf(format, args...)}
}

// settled is the result of a deletion call that returned err.
func settled(err error) result {
	switch {
	case err == nil:
		return resGone
	case isGone(err):
		return result{out: outGone, reason: "already gone"}
	case isPermanent(err):
		return result{out: outFailed, reason: err.Error()}
	case isDependency(err):
		code, msg, _ := awsError(err)
		return result{out: outBlocked, reason: "still has dependencies (" + code + ": " + msg + ")"}
	}
	return result{out: outBlocked, reason: "failed (" + err.Error() + ")"}
}

// deleteAfter lists, for each type, the types whose resources must all
// be gone before one of it is tried. Besides these, an instance waits for
// its own Auto Scaling group, which terminates it.
var deleteAfter = map[string][]string{
	ResRoute53Record:      nil,
	ResHostedZone:         {ResRoute53Record},
	ResAutoscalingGroup:   {ResRoute53Record},
	ResInstance:           {ResRoute53Record},
	ResLoadBalancer:       {ResRoute53Record},
	ResTargetGroup:        {ResLoadBalancer, ResAutoscalingGroup},
	ResLaunchTemplate:     {ResAutoscalingGroup},
	ResVolume:             {ResInstance, ResAutoscalingGroup},
	ResKeypair:            {ResInstance, ResAutoscalingGroup},
	ResIAMInstanceProfile: {ResInstance, ResAutoscalingGroup, ResLaunchTemplate},
	ResIAMRole:            {ResIAMInstanceProfile},
	ResNatGateway:         {ResInstance, ResAutoscalingGroup},
	ResElasticIP:          {ResNatGateway, ResInstance, ResAutoscalingGroup, ResLoadBalancer},
	ResInternetGateway:    {ResElasticIP, ResNatGateway, ResInstance, ResAutoscalingGroup, ResLoadBalancer},
	ResSecurityGroup:      {ResInstance, ResAutoscalingGroup, ResLoadBalancer},
	ResRouteTable:         {ResInternetGateway, ResNatGateway, ResInstance, ResAutoscalingGroup},
	ResSubnet:             {ResRouteTable, ResNatGateway, ResLoadBalancer, ResInstance, ResAutoscalingGroup},
	ResVPC: {ResSubnet, ResSecurityGroup, ResRouteTable, ResInternetGateway, ResNatGateway, ResLoadBalancer,
		ResTargetGroup, ResInstance, ResAutoscalingGroup},
	ResDHCPOptions: {ResVPC},
}

// waitsFor reports whether r may be tried only once o is gone.
func waitsFor(r, o Resource) bool {
	if r.Type == ResInstance && o.Type == ResAutoscalingGroup {
		return r.group != "" && r.group == o.ID
	}
	return slices.Contains(deleteAfter[r.Type], o.Type)
}

// DeleteResources deletes rs (as FindResources lists them) in dependency
// order, in rounds as kOps does: each round tries every resource whose
// dependencies are gone, concurrently; what AWS refuses for now ("still
// has dependencies") or is still going away is tried again in the next
// round, after opts.Interval when the round deleted nothing. It gives up
// after opts.MaxRounds such rounds in a row, or when ctx ends, with an
// error that lists what is left and why. A resource already gone counts
// as deleted, so DeleteResources can run again after an interruption.
func DeleteResources(ctx context.Context, c *Clients, rs []Resource, opts DeleteOptions) error {
	for _, r := range rs {
		if _, ok := deleteAfter[r.Type]; !ok {
			return fmt.Errorf("delete %s: unknown resource type %q", r, r.Type)
		}
	}
	if opts.MaxRounds <= 0 {
		opts.MaxRounds = DefaultMaxRounds
	}
	switch {
	case opts.Interval == 0:
		opts.Interval = DefaultInterval
	case opts.Interval < 0:
		opts.Interval = 0
	}
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Parallel <= 0 {
		opts.Parallel = DefaultParallel
	}
	d := &deletion{c: c, all: sortResources(slices.Clone(rs)), sem: make(chan struct{}, opts.Parallel)}
	return d.run(ctx, opts)
}

// deletion is one run of DeleteResources.
type deletion struct {
	c   *Clients
	all []Resource
	sem chan struct{}
}

func (d *deletion) run(ctx context.Context, opts DeleteOptions) error {
	left := slices.Clone(d.all)
	why := map[string]string{}   // by key: the last reason a resource is left
	failed := map[string]bool{}  // by key: not to be retried
	started := map[string]bool{} // by key: deletion started once
	for stalled := 0; len(left) > 0; {
		if err := ctx.Err(); err != nil {
			return leftError(fmt.Errorf("delete interrupted: %w", err), left, why)
		}
		var ready []Resource
		for _, r := range left {
			if failed[r.key()] {
				continue
			}
			if i := slices.IndexFunc(left, func(o Resource) bool { return waitsFor(r, o) }); i >= 0 {
				why[r.key()] = "waits for " + left[i].String()
				continue
			}
			ready = append(ready, r)
		}
		if len(ready) == 0 {
			return leftError(fmt.Errorf("some resources cannot be deleted"), left, why)
		}
		results := d.round(ctx, ready)
		progress := false
		for i, r := range ready {
			res := results[i]
			logResult(opts.Log, r, res)
			switch res.out {
			case outGone:
				progress = true
				left = slices.DeleteFunc(left, func(o Resource) bool { return o.key() == r.key() })
			case outStarted:
				progress = progress || !started[r.key()]
				started[r.key()] = true
			case outFailed:
				failed[r.key()] = true
			}
			why[r.key()] = res.reason
		}
		if err := ctx.Err(); err != nil {
			return leftError(fmt.Errorf("delete interrupted: %w", err), left, why)
		}
		if progress {
			stalled = 0
			continue
		}
		if stalled++; stalled >= opts.MaxRounds {
			return leftError(fmt.Errorf("not making progress after %d rounds", stalled), left, why)
		}
		fmt.Fprintf(opts.Log, "not all resources deleted; waiting %s before trying again\n", opts.Interval)
		if err := pause(ctx, opts.Clock, opts.Interval); err != nil {
			return leftError(fmt.Errorf("delete interrupted: %w", err), left, why)
		}
	}
	return nil
}

// logResult writes the line that reports res, kOps' way.
func logResult(w io.Writer, r Resource, res result) {
	switch res.out {
	case outGone:
		if res.reason != "" {
			fmt.Fprintf(w, "deleted %s (%s)\n", r, res.reason)
		} else {
			fmt.Fprintf(w, "deleted %s\n", r)
		}
	case outStarted:
		fmt.Fprintf(w, "deleting %s, will check again\n", r)
	case outWaiting:
		fmt.Fprintf(w, "%s %s, will check again\n", r, res.reason)
	case outBlocked:
		fmt.Fprintf(w, "%s %s, will retry\n", r, res.reason)
	case outFailed:
		fmt.Fprintf(w, "%s cannot be deleted: %s\n", r, res.reason)
	}
}

// pause waits d on clk, or until ctx ends.
func pause(ctx context.Context, clk clock.Clock, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := clk.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C():
		return nil
	}
}

// round tries ready, each type's resources together, and returns the
// results in ready's order.
func (d *deletion) round(ctx context.Context, ready []Resource) []result {
	results := make([]result, len(ready))
	byType := map[string][]int{}
	for i, r := range ready {
		byType[r.Type] = append(byType[r.Type], i)
	}
	var wg sync.WaitGroup
	for typ, idx := range byType {
		wg.Go(func() {
			rs := make([]Resource, len(idx))
			for j, i := range idx {
				rs[j] = ready[i]
			}
			out := d.deleteType(ctx, typ, rs)
			for j, i := range idx {
				results[i] = out[j]
			}
		})
	}
	wg.Wait()
	return results
}

// deleteType tries rs, all of type typ.
func (d *deletion) deleteType(ctx context.Context, typ string, rs []Resource) []result {
	switch typ {
	case ResSecurityGroup:
		return d.deleteSecurityGroups(ctx, rs)
	case ResRoute53Record:
		return d.deleteRecords(ctx, rs)
	}
	var fn func(context.Context, *Clients, Resource) result
	switch typ {
	case ResInstance:
		fn = deleteInstance
	case ResAutoscalingGroup:
		fn = deleteAutoscalingGroup
	case ResLoadBalancer:
		fn = deleteLoadBalancer
	case ResTargetGroup:
		fn = deleteTargetGroup
	case ResLaunchTemplate:
		fn = deleteLaunchTemplate
	case ResVolume:
		fn = deleteVolume
	case ResNatGateway:
		fn = deleteNatGateway
	case ResElasticIP:
		fn = deleteElasticIP
	case ResInternetGateway:
		fn = deleteInternetGateway
	case ResRouteTable:
		fn = deleteRouteTable
	case ResSubnet:
		fn = deleteSubnet
	case ResVPC:
		fn = deleteVPC
	case ResDHCPOptions:
		fn = deleteDHCPOptions
	case ResKeypair:
		fn = deleteKeypair
	case ResIAMInstanceProfile:
		fn = deleteInstanceProfile
	case ResIAMRole:
		fn = deleteRole
	case ResHostedZone:
		fn = deleteHostedZone
	}
	return d.each(ctx, rs, func(ctx context.Context, r Resource) result { return fn(ctx, d.c, r) })
}

// each runs fn on every resource of rs, at most Parallel at once.
func (d *deletion) each(ctx context.Context, rs []Resource, fn func(context.Context, Resource) result) []result {
	out := make([]result, len(rs))
	d.inParallel(len(rs), func(i int) { out[i] = fn(ctx, rs[i]) })
	return out
}

// inParallel runs fn(0) … fn(n-1), at most Parallel at once.
func (d *deletion) inParallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			d.sem <- struct{}{}
			defer func() { <-d.sem }()
			fn(i)
		})
	}
	wg.Wait()
}

// leftError is err followed by one line per resource left and why.
func leftError(err error, left []Resource, why map[string]string) error {
	var b strings.Builder
	for _, r := range left {
		fmt.Fprintf(&b, "\n\t%s", r)
		if r.Name != "" && r.Name != r.ID {
			fmt.Fprintf(&b, " (%s)", r.Name)
		}
		if w := why[r.key()]; w != "" {
			fmt.Fprintf(&b, ": %s", w)
		}
	}
	return &leftoverError{err: err, n: len(left), detail: b.String()}
}

// leftoverError is a DeleteResources failure: what stopped it and what is
// left.
type leftoverError struct {
	err    error
	n      int
	detail string
}

func (e *leftoverError) Error() string {
	return fmt.Sprintf("%v; %d resources left (run delete again once the cause is fixed):%s", e.err, e.n, e.detail)
}

func (e *leftoverError) Unwrap() error { return e.err }
