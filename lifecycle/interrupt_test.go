package lifecycle_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/drydock-sandbox/drydock/lifecycle"
	"github.com/drydock-sandbox/drydock/providers"
	provaws "github.com/drydock-sandbox/drydock/providers/aws"
)

// TestUpdateInterrupted cancels update cluster --yes after a random number
// of tasks, then runs it again: the second run must finish the job, with
// nothing created twice and nothing left to change.
func TestUpdateInterrupted(t *testing.T) {
	tc := lifecycleCases()[1] // private: NAT gateways, the most dependencies
	name := tc.opts.ClusterName

	// What an uninterrupted apply makes, and how many tasks it takes.
	var tasks atomic.Int64
	ref := newRig(t, provaws.Options{AfterTask: func(string, string) { tasks.Add(1) }})
	ref.create(tc.opts)
	ref.update(name, true)
	want := resourceKinds(t, ref, name)
	total := int(tasks.Load())

	rng := rand.New(rand.NewPCG(5, 0))
	for round := range 6 {
		r := newRig(t, provaws.Options{})
		r.create(tc.opts)
		stopAfter := int64(1 + rng.IntN(total-1))
		ctx, cancel := context.WithCancel(r.ctx)
		var done atomic.Int64
		p := provaws.New(r.p.Clients(), provaws.Options{AfterTask: func(string, string) {
			if done.Add(1) == stopAfter {
				cancel()
			}
		}})
		var out bytes.Buffer
		err := lifecycle.UpdateCluster(ctx, r.store, p, name, lifecycle.UpdateOptions{Yes: true}, &out)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("round %d: interrupted after %d tasks: got %v, want context.Canceled", round, stopAfter, err)
		}
		r.update(name, true)
		if out := r.update(name, false); out != "No changes need to be applied\n" {
			t.Fatalf("round %d (interrupted after %d tasks): plan after the re-run:\n%s", round, stopAfter, out)
		}
		if got := resourceKinds(t, r, name); !equalCounts(got, want) {
			t.Errorf("round %d (interrupted after %d tasks): resources by type %v, want %v", round, stopAfter, got, want)
		}
	}
}

// resourceKinds counts the cluster's resources by type, and fails on two
// resources of a type with one name (something created twice).
func resourceKinds(t *testing.T, r *rig, name string) map[string]int {
	t.Helper()
	found, err := r.p.FindResources(r.ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	seen := map[string]providers.Resource{}
	for _, f := range found {
		counts[f.Type]++
		if f.Type == provaws.ResInstance {
			continue // instances share their group's name
		}
		k := f.Type + " " + f.Name
		if prev, dup := seen[k]; dup {
			t.Errorf("%s %s twice: %s and %s", f.Type, f.Name, prev.ID, f.ID)
		}
		seen[k] = f
	}
	return counts
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
