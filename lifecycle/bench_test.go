package lifecycle_test

import (
	"bytes"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/lifecycle"
	provaws "github.com/drydock-sandbox/drydock/providers/aws"
)

// BenchmarkUpdateHAPrivate is update cluster --yes of the 3-zone HA
// private cluster against a fresh sandbox at --speed 0: every resource
// created from nothing (issue 5's target: under 3 s). "disk" keeps
// fakeaws' state on disk, as the sandbox does.
func BenchmarkUpdateHAPrivate(b *testing.B) {
	tc := lifecycleCases()[1]
	for _, bc := range []struct {
		name string
		disk bool
	}{{"memory", false}, {"disk", true}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				var fopts []fakeaws.Option
				if bc.disk {
					fopts = append(fopts, fakeaws.WithDataDir(b.TempDir()))
				}
				r := newRig(b, provaws.Options{}, fopts...)
				r.create(tc.opts)
				b.StartTimer()
				var out bytes.Buffer
				if err := lifecycle.UpdateCluster(r.ctx, r.store, r.p, tc.opts.ClusterName, lifecycle.UpdateOptions{Yes: true}, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
