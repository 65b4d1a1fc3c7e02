package lifecycle_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"github.com/drydock-sandbox/drydock/lifecycle"
	"github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/providers/aws/awstest"
)

// rig is a sandbox for one test: fakeaws in process at speed 0 with
// manual settling, a file:// state store and the AWS driver pointed at it.
type rig struct {
	t     testing.TB
	srv   *fakeawstest.Server
	store *statestore.Store
	p     *aws.Provider
	ctx   context.Context
}

func newRig(t testing.TB, opts aws.Options, fopts ...fakeaws.Option) *rig {
	t.Helper()
	srv := fakeawstest.Start(t, append([]fakeaws.Option{fakeaws.WithSpeed(0), fakeaws.WithManualSettle()}, fopts...)...)
	ctx := context.Background()
	store, err := statestore.Open(ctx, "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c := aws.NewClients(srv.Config())
	c.Poll = 0
	r := &rig{t: t, srv: srv, store: store, ctx: ctx}
	// Auto Scaling removes a force-deleted group in the background: a
	// pause of delete's lets it.
	opts.Delete.Clock = awstest.NewSettlingClock(r.settle)
	r.p = aws.New(c, opts)
	return r
}

// create writes a new cluster built from opts to the store.
func (r *rig) create(opts create.Options) (*api.Cluster, []*api.InstanceGroup) {
	r.t.Helper()
	if opts.StateStore == "" {
		opts.StateStore = r.store.URL()
	}
	m, err := create.Build(r.ctx, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.store.CreateCluster(r.ctx, m.Cluster, m.InstanceGroups); err != nil {
		r.t.Fatal(err)
	}
	return m.Cluster, m.InstanceGroups
}

// update runs update cluster and returns what it printed.
func (r *rig) update(name string, yes bool) string {
	r.t.Helper()
	var out bytes.Buffer
	if err := lifecycle.UpdateCluster(r.ctx, r.store, r.p, name, lifecycle.UpdateOptions{Yes: yes}, &out); err != nil {
		r.t.Fatalf("update cluster %s (yes=%v): %v\n%s", name, yes, err, out.String())
	}
	return out.String()
}

// settle lets Auto Scaling launch what the groups want.
func (r *rig) settle() {
	r.t.Helper()
	if err := r.srv.Settle(r.ctx); err != nil {
		r.t.Fatal(err)
	}
}
