package autoscaling

import (
	"fmt"
	"sort"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// readProcesses reads ScalingProcesses; none means all of them.
func readProcesses(p awsapi.Params) ([]string, error) {
	names := members(p, "ScalingProcesses")
	if len(names) == 0 {
		return processes, nil
	}
	for _, n := range names {
		if !contains(processes, n) {
			return nil, invalid("Process %s is not a valid scaling process. Valid processes are: %v", n, processes)
		}
	}
	return dedupe(names), nil
}

func (s *Service) suspendProcesses(r *awsapi.Request, p awsapi.Params) (any, error) {
	return s.changeProcesses(r, p, true)
}

func (s *Service) resumeProcesses(r *awsapi.Request, p awsapi.Params) (any, error) {
	return s.changeProcesses(r, p, false)
}

func (s *Service) changeProcesses(r *awsapi.Request, p awsapi.Params, suspend bool) (any, error) {
	sc, t := scopeOf(r), now(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	names, err := readProcesses(p)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		if g.Status == statusDeleting {
			return fail(codeResourceInUse, "The AutoScalingGroup %s is being deleted.", gname)
		}
		var kept []suspended
		for _, sp := range g.Suspended {
			if !contains(names, sp.Name) {
				kept = append(kept, sp)
			}
		}
		if suspend {
			for _, n := range names {
				reason := fmt.Sprintf("User suspended at %s", causeTime(t))
				if prev := g.suspendedEntry(n); prev != nil {
					reason = prev.Reason
				}
				kept = append(kept, suspended{Name: n, Reason: reason})
			}
		}
		sort.Slice(kept, func(i, j int) bool { return kept[i].Name < kept[j].Name })
		g.Suspended = kept
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}

func (g *group) suspendedEntry(process string) *suspended {
	for i := range g.Suspended {
		if g.Suspended[i].Name == process {
			return &g.Suspended[i]
		}
	}
	return nil
}

func (s *Service) enableMetricsCollection(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	gran, err := p.Required("Granularity")
	if err != nil {
		return nil, err
	}
	if gran != "1Minute" {
		return nil, invalid("Invalid granularity: %s. The only valid granularity is 1Minute.", gran)
	}
	names, err := readMetrics(p)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		for _, n := range names {
			if !g.metricEnabled(n) {
				g.Metrics = append(g.Metrics, metric{Name: n, Granularity: gran})
			}
		}
		return saveGroup(tx, sc, g)
	})
	return nil, err
}

func (s *Service) disableMetricsCollection(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	names, err := readMetrics(p)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		var kept []metric
		for _, m := range g.Metrics {
			if !contains(names, m.Name) {
				kept = append(kept, m)
			}
		}
		g.Metrics = kept
		return saveGroup(tx, sc, g)
	})
	return nil, err
}

// readMetrics reads Metrics; none means all of them.
func readMetrics(p awsapi.Params) ([]string, error) {
	names := members(p, "Metrics")
	if len(names) == 0 {
		return groupMetrics, nil
	}
	for _, n := range names {
		if !contains(groupMetrics, n) {
			return nil, invalid("Invalid metric: %s.", n)
		}
	}
	return dedupe(names), nil
}

func (g *group) metricEnabled(n string) bool {
	for _, m := range g.Metrics {
		if m.Name == n {
			return true
		}
	}
	return false
}
