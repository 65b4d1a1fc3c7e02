package lifecycle_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/drydock-sandbox/drydock/internal/golden"
	"github.com/drydock-sandbox/drydock/lifecycle"
	provaws "github.com/drydock-sandbox/drydock/providers/aws"
)

// userDataHash is how a plan shows user data; the bootstrap secrets in it
// are random, so golden files hold a placeholder.
var userDataHash = regexp.MustCompile(`sha256:[0-9a-f]+ \(\d+ bytes\)`)

// TestPlanGolden is the dry run of update cluster on an empty account for
// the HA (public topology) and private cases, as a user sees it.
func TestPlanGolden(t *testing.T) {
	for _, tc := range lifecycleCases() {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, provaws.Options{})
			if tc.zone != "" {
				r.publicZone(tc.zone)
			}
			r.create(tc.opts)
			var out bytes.Buffer
			if err := lifecycle.UpdateCluster(r.ctx, r.store, r.p, tc.opts.ClusterName, lifecycle.UpdateOptions{}, &out); err != nil {
				t.Fatal(err)
			}
			got := userDataHash.ReplaceAll(out.Bytes(), []byte("sha256:… (… bytes)"))
			golden.Check(t, "plan-"+tc.name, got)
		})
	}
}
