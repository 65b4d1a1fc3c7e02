package aws

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/drydock-sandbox/drydock/providers"
)

// run finds every task of the model in dependency order, independent ones
// concurrently (at most parallel at once), and when apply is set creates
// or updates what differs. It returns the changes found (made, when
// applying), in no particular order.
func run(ctx context.Context, c *Clients, tasks []task, apply bool, parallel int, hook func(task)) ([]providers.Change, error) {
	type node struct {
		done chan struct{}
		err  error
	}
	nodes := make(map[task]*node, len(tasks))
	for _, t := range tasks {
		nodes[t] = &node{done: make(chan struct{})}
	}
	for _, t := range tasks {
		for _, d := range t.deps() {
			if nodes[d] == nil {
				return nil, fmt.Errorf("internal error: %s depends on %s, which is not in the model", taskKey(t), taskKey(d))
			}
		}
	}
	if parallel < 1 {
		parallel = 1
	}
	sem := make(chan struct{}, parallel)
	var (
		mu      sync.Mutex
		changes []providers.Change
		wg      sync.WaitGroup
	)
	for _, t := range tasks {
		n := nodes[t]
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.done)
			for _, d := range t.deps() {
				dn := nodes[d]
				select {
				case <-dn.done:
				case <-ctx.Done():
					n.err = ctx.Err()
					return
				}
				if dn.err != nil {
					n.err = errDependency
					return
				}
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				n.err = ctx.Err()
				return
			}
			defer func() { <-sem }()
			ch, err := step(ctx, c, t, apply)
			if err != nil {
				n.err = err
				return
			}
			if ch != nil {
				mu.Lock()
				changes = append(changes, *ch)
				mu.Unlock()
			}
			if hook != nil {
				hook(t)
			}
		}()
	}
	wg.Wait()
	var errs []error
	for _, t := range tasks {
		if err := nodes[t].err; err != nil && !errors.Is(err, errDependency) {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		if ctx.Err() != nil {
			return changes, ctx.Err()
		}
		return changes, joinErrors(errs)
	}
	return changes, nil
}

// step finds one task and, when applying, makes it as expected.
func step(ctx context.Context, c *Clients, t task, apply bool) (*providers.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	actual, err := t.find(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("%s: find: %w", taskKey(t), err)
	}
	if actual == nil {
		ch := creation(t)
		if apply {
			if err := t.create(ctx, c); err != nil {
				return nil, fmt.Errorf("%s: create: %w", taskKey(t), err)
			}
		}
		return &ch, nil
	}
	changes, err := diff(t, actual)
	if err != nil {
		return nil, err
	}
	if len(changes) == 0 {
		return nil, nil
	}
	if apply {
		if err := t.update(ctx, c, actual, changes); err != nil {
			return nil, fmt.Errorf("%s: update: %w", taskKey(t), err)
		}
	}
	return &providers.Change{Kind: t.kind(), Name: t.name(), Fields: changes}, nil
}

type dependencyError struct{}

func (dependencyError) Error() string { return "a dependency failed" }

var errDependency error = dependencyError{}

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	msg := fmt.Sprintf("%d tasks failed:", len(errs))
	for _, e := range errs {
		msg += "\n  " + e.Error()
	}
	return fmt.Errorf("%s", msg)
}
