package statestore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// race runs each edit at once, after they have all started, and returns
// their errors.
func race(edits ...func() error) []error {
	errs := make([]error, len(edits))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, edit := range edits {
		wg.Go(func() {
			<-start
			errs[i] = edit()
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// winner checks that exactly one edit won and the others got ErrConflict
// (or want), and returns the winner's index.
func winner(t *testing.T, errs []error, want error) int {
	t.Helper()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won < 0:
			won = i
		case err == nil:
			t.Fatalf("edits %d and %d both succeeded", won, i)
		case !errors.Is(err, want):
			t.Fatalf("edit %d: %v, want %v", i, err, want)
		}
	}
	if won < 0 {
		t.Fatalf("no edit succeeded: %v", errs)
	}
	return won
}

func TestConcurrentUpdates(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		first := open(t)
		create(t, first)
		for _, mode := range []string{"one store", "two stores"} {
			t.Run(mode, func(t *testing.T) {
				stores := []*statestore.Store{first, first}
				if mode == "two stores" {
					stores[1] = open(t)
				}
				for round := range 5 {
					c, igs, v, err := first.GetCluster(ctx, clusterName)
					if err != nil {
						t.Fatal(err)
					}
					edit := func(k int) func() error {
						return func() error {
							c := c.DeepCopy()
							c.Spec.KubernetesVersion = fmt.Sprintf("1.%d.%d", 40+k, round)
							c.Spec.CloudLabels = map[string]string{"writer": fmt.Sprint(k)}
							_, err := stores[k].UpdateCluster(ctx, c, v.Cluster)
							return err
						}
					}
					won := winner(t, race(edit(0), edit(1)), statestore.ErrConflict)
					got, _, _, err := first.GetCluster(ctx, clusterName)
					if err != nil {
						t.Fatal(err)
					}
					if want := fmt.Sprintf("1.%d.%d", 40+won, round); got.Spec.KubernetesVersion != want || got.Spec.CloudLabels["writer"] != fmt.Sprint(won) {
						t.Fatalf("stored version %q writer %q, want the winner's (%s, %d)", got.Spec.KubernetesVersion, got.Spec.CloudLabels["writer"], want, won)
					}

					nodes := igs[1]
					editGroup := func(k int) func() error {
						return func() error {
							ig := nodes.DeepCopy()
							ig.Spec.MachineType = fmt.Sprintf("m%d.large-%d", k, round)
							_, err := stores[k].UpdateInstanceGroup(ctx, clusterName, ig, v.InstanceGroups[ig.Name()])
							return err
						}
					}
					won = winner(t, race(editGroup(0), editGroup(1)), statestore.ErrConflict)
					_, gotIGs, _, err := first.GetCluster(ctx, clusterName)
					if err != nil {
						t.Fatal(err)
					}
					if want := fmt.Sprintf("m%d.large-%d", won, round); gotIGs[1].Spec.MachineType != want {
						t.Fatalf("stored machine type %q, want the winner's %q", gotIGs[1].Spec.MachineType, want)
					}
				}
			})
		}
		_, err := first.UpdateCluster(ctx, mustGet(t, first), "stale")
		if want := "cluster k8s.example.com was changed by someone else since you read it; re-read and try again"; err == nil || err.Error() != want {
			t.Errorf("stale update: %v, want %q", err, want)
		}
	})
}

func TestConcurrentCreates(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		stores := []*statestore.Store{open(t), open(t), open(t)}
		var edits []func() error
		for k, s := range stores {
			edits = append(edits, func() error {
				c, igs := manifest(t)
				c.Spec.CloudLabels = map[string]string{"writer": fmt.Sprint(k)}
				_, err := s.CreateCluster(context.Background(), c, igs)
				return err
			})
		}
		won := winner(t, race(edits...), statestore.ErrAlreadyExists)
		if got := mustGet(t, stores[0]); got.Spec.CloudLabels["writer"] != fmt.Sprint(won) {
			t.Errorf("stored writer %q, want %d", got.Spec.CloudLabels["writer"], won)
		}
	})
}

func mustGet(t *testing.T, s *statestore.Store) *api.Cluster {
	t.Helper()
	c, _, _, err := s.GetCluster(context.Background(), clusterName)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const helperEnv = "STATESTORE_TEST_HELPER" // DIR;VERSION;GOFILE;LABEL

// TestHelperProcess is one of the racing processes of
// TestCrossProcessUpdates; it does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	args, ok := os.LookupEnv(helperEnv)
	if !ok {
		t.Skip("helper process")
	}
	f := strings.Split(args, ";")
	s := openStore(t, "file://"+f[0])
	c := mustGet(t, s)
	c.Spec.CloudLabels = map[string]string{"writer": f[3]}
	for _, err := os.Stat(f[2]); err != nil; _, err = os.Stat(f[2]) {
		time.Sleep(time.Millisecond)
	}
	_, err := s.UpdateCluster(context.Background(), c, f[1])
	switch {
	case err == nil:
		fmt.Println("RESULT won")
	case errors.Is(err, statestore.ErrConflict):
		fmt.Println("RESULT conflict")
	default:
		t.Fatal(err)
	}
}

// TestCrossProcessUpdates races two processes on one file:// store.
func TestCrossProcessUpdates(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	s := openStore(t, "file://"+dir)
	create(t, s)
	for round := range 3 {
		_, _, v, err := s.GetCluster(context.Background(), clusterName)
		if err != nil {
			t.Fatal(err)
		}
		goFile := filepath.Join(t.TempDir(), "go")
		outs := make([]strings.Builder, 2)
		cmds := make([]*exec.Cmd, 2)
		for k := range cmds {
			cmds[k] = exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.v")
			cmds[k].Env = append(os.Environ(), fmt.Sprintf("%s=%s;%s;%s;%d-%d", helperEnv, dir, v.Cluster, goFile, round, k))
			cmds[k].Stdout, cmds[k].Stderr = &outs[k], &outs[k]
			if err := cmds[k].Start(); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(200 * time.Millisecond) // let both reach the barrier
		if err := os.WriteFile(goFile, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		won := -1
		for k, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("process %d: %v\n%s", k, err, outs[k].String())
			}
			if strings.Contains(outs[k].String(), "RESULT won") {
				if won >= 0 {
					t.Fatalf("both processes won")
				}
				won = k
			} else if !strings.Contains(outs[k].String(), "RESULT conflict") {
				t.Fatalf("process %d:\n%s", k, outs[k].String())
			}
		}
		if won < 0 {
			t.Fatal("no process won")
		}
		if got := mustGet(t, s).Spec.CloudLabels["writer"]; got != fmt.Sprintf("%d-%d", round, won) {
			t.Fatalf("stored writer %q, want %d-%d", got, round, won)
		}
	}
}
