package aws

import (
	"context"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"github.com/drydock-sandbox/drydock/providers"
)

// startFake starts fakeaws at speed 0 (every state change immediate, no
// background loops) and returns clients for it.
func startFake(t testing.TB, opts ...fakeaws.Option) (*fakeawstest.Server, *Clients) {
	t.Helper()
	srv := fakeawstest.Start(t, append([]fakeaws.Option{fakeaws.WithSpeed(0), fakeaws.WithManualSettle()}, opts...)...)
	return srv, NewClients(srv.Config())
}

// applyTasks applies tasks and returns the changes made, sorted.
func applyTasks(t testing.TB, c *Clients, tasks ...task) []providers.Change {
	t.Helper()
	changes, err := run(context.Background(), c, tasks, true, 4, nil)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	p := &providers.Plan{Changes: changes}
	return append(p.Creates(), p.Modifies()...)
}

// planTasks plans tasks and returns the changes found.
func planTasks(t testing.TB, c *Clients, tasks ...task) []providers.Change {
	t.Helper()
	changes, err := run(context.Background(), c, tasks, false, 4, nil)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	p := &providers.Plan{Changes: changes}
	return append(p.Creates(), p.Modifies()...)
}
