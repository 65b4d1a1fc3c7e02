package autoscaling

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// maxPasses bounds the observe → decide → act passes over one group in a
// round; what is left is done in the next round.
const maxPasses = 4

// Reconcile runs one round of the reconciler at now over every group of
// every account and region: see the package documentation. Rounds are
// serialised; a round cut short leaves every decision recorded, and the
// next round carries on from there.
func (s *Service) Reconcile(ctx context.Context, now time.Time) error {
	s.roundMu.Lock()
	defer s.roundMu.Unlock()
	now = now.UTC().Truncate(time.Millisecond)
	type work struct {
		sc    scope
		names []string
	}
	var todo []work
	err := s.view(func(tx *store.Tx) error {
		var scs []scope
		if err := scopes(tx).Scan("", "", func(k string, _ []byte) (bool, error) {
			if sc, ok := parseScope(k); ok {
				scs = append(scs, sc)
			}
			return true, nil
		}); err != nil {
			return err
		}
		for _, sc := range scs {
			w := work{sc: sc}
			if err := sc.bucket(tx, kindGroups).Scan("", "", func(k string, _ []byte) (bool, error) {
				w.names = append(w.names, k)
				return true, nil
			}); err != nil {
				return err
			}
			todo = append(todo, w)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, w := range todo {
		for _, n := range w.names {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := s.reconcileGroup(ctx, w.sc, n, now); err != nil {
				errs = append(errs, fmt.Errorf("group %s in %s: %w", n, w.sc.key(), err))
			}
		}
	}
	return errors.Join(errs...)
}

// reconcileGroup observes, decides and acts on one group, in passes.
func (s *Service) reconcileGroup(ctx context.Context, sc scope, name string, now time.Time) error {
	var (
		res      results
		noLaunch bool
		errs     []error
	)
	for pass := 0; ; pass++ {
		var snap *group
		if err := s.view(func(tx *store.Tx) error {
			g, _, err := loadGroup(tx, sc, name)
			snap = g
			return err
		}); err != nil || snap == nil {
			return errors.Join(append(errs, err)...)
		}
		obs, err := s.observe(ctx, sc, snap)
		if err != nil {
			errs = append(errs, err)
		}
		var eff effects
		err = s.update(func(tx *store.Tx) error {
			g, ok, err := loadGroup(tx, sc, name)
			if err != nil || !ok {
				return err
			}
			st := &step{s: s, tx: tx, sc: sc, g: g, now: now, obs: obs, noLaunch: noLaunch}
			if err := st.applyResults(res); err != nil {
				return err
			}
			if err := st.run(); err != nil {
				return err
			}
			if st.removed {
				return nil
			}
			eff = st.effects()
			return saveGroup(tx, sc, g)
		})
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		if eff.empty() || pass == maxPasses-1 {
			return errors.Join(errs...)
		}
		res = s.perform(ctx, sc, eff)
		errs = append(errs, res.errs...)
		noLaunch = noLaunch || len(res.launchErr) > 0
	}
}

// step is one decision pass over a group, inside a transaction.
type step struct {
	s        *Service
	tx       *store.Tx
	sc       scope
	g        *group
	now      time.Time
	obs      observation
	noLaunch bool
	// refresh is the group's unfinished instance refresh, if any.
	refresh *refresh
	// removed: the group was deleted.
	removed bool
}

// run advances every instance, the group's refresh and its capacity.
func (st *step) run() error {
	g := st.g
	if g.Status == statusDeleting {
		for _, in := range g.Instances {
			if err := st.s.forceTerminate(st.tx, st.sc, g, in, st.now); err != nil {
				return err
			}
		}
	}
	if err := st.advanceAll(); err != nil {
		return err
	}
	if g.Status == statusDeleting {
		if len(g.Instances) == 0 && len(g.Launches) == 0 {
			st.removed = true
			return removeGroup(st.tx, st.sc, g)
		}
		return nil
	}
	surge, err := st.advanceRefresh()
	if err != nil {
		return err
	}
	if err := st.scale(g.Desired + surge); err != nil {
		return err
	}
	// Instances just taken out of service go as far as they can.
	return st.advanceAll()
}

// advanceAll advances every instance and drops those that left.
func (st *step) advanceAll() error {
	for _, in := range st.g.Instances {
		if err := st.advance(in); err != nil {
			return err
		}
	}
	return st.sweep()
}

// sweep drops the instances that left the group.
func (st *step) sweep() error {
	g := st.g
	var kept []*instance
	for _, in := range g.Instances {
		if in.State == stTerminated || in.State == stDetached {
			if err := st.sc.bucket(st.tx, kindInstances).Delete(in.ID); err != nil {
				return err
			}
			continue
		}
		kept = append(kept, in)
	}
	g.Instances = kept
	return nil
}
