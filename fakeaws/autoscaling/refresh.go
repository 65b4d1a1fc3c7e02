package autoscaling

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// refresh is an instance refresh.
type refresh struct {
	ID           string       `json:"id"`
	Group        string       `json:"group"`
	Status       string       `json:"status"`
	StatusReason string       `json:"statusReason,omitempty"`
	Start        time.Time    `json:"start"`
	End          time.Time    `json:"end,omitzero"`
	Prefs        prefs        `json:"prefs"`
	Desired      *TemplateRef `json:"desired,omitempty"`
	// Target is the template version instances are refreshed to.
	Target TemplateRef `json:"target"`
	// ToReplace are the instances still to be replaced.
	ToReplace []string `json:"toReplace,omitempty"`
	Total     int      `json:"total"`
	Percent   int      `json:"percent"`
	ToUpdate  int      `json:"toUpdate"`
}

type prefs struct {
	MinHealthy   int    `json:"minHealthy"`
	MaxHealthy   *int   `json:"maxHealthy,omitempty"`
	Warmup       *int   `json:"warmup,omitempty"`
	SkipMatching bool   `json:"skipMatching"`
	Checkpoints  []int  `json:"checkpoints,omitempty"`
	CheckDelay   *int   `json:"checkpointDelay,omitempty"`
	AutoRollback bool   `json:"autoRollback,omitempty"`
	ScaleInProt  string `json:"scaleInProtected,omitempty"`
	Standby      string `json:"standby,omitempty"`
}

// Instance refresh statuses.
const (
	refPending    = "Pending"
	refInProgress = "InProgress"
	refSuccessful = "Successful"
	refFailed     = "Failed"
	refCancelling = "Cancelling"
	refCancelled  = "Cancelled"
)

func refreshDone(status string) bool {
	return status == refSuccessful || status == refFailed || status == refCancelled
}

const defaultMinHealthy = 90

// readPrefs reads StartInstanceRefresh's Preferences.
func readPrefs(p awsapi.Params) (prefs, error) {
	sub := p.Sub("Preferences")
	pr := prefs{MinHealthy: defaultMinHealthy}
	n, ok, err := intParam(sub, "MinHealthyPercentage", 0, 100)
	if err != nil {
		return pr, err
	}
	if ok {
		pr.MinHealthy = n
	}
	if pr.MaxHealthy, err = intPtr(sub, "MaxHealthyPercentage", 100, 200); err != nil {
		return pr, err
	}
	if pr.MaxHealthy != nil && *pr.MaxHealthy-pr.MinHealthy > 100 {
		return pr, invalid("The difference between MaxHealthyPercentage and MinHealthyPercentage cannot be greater than 100.")
	}
	if pr.Warmup, err = intPtr(sub, "InstanceWarmup", 0, 1<<31-1); err != nil {
		return pr, err
	}
	if pr.CheckDelay, err = intPtr(sub, "CheckpointDelay", 0, 172800); err != nil {
		return pr, err
	}
	for _, v := range sub.List("CheckpointPercentages.member") {
		c, err := strconv.Atoi(v)
		if err != nil || c < 0 || c > 100 {
			return pr, invalid("Checkpoint percentages must be numbers from 0 to 100.")
		}
		pr.Checkpoints = append(pr.Checkpoints, c)
	}
	if pr.SkipMatching, err = sub.Bool("SkipMatching", false); err != nil {
		return pr, err
	}
	if pr.AutoRollback, err = sub.Bool("AutoRollback", false); err != nil {
		return pr, err
	}
	pr.ScaleInProt, pr.Standby = sub.Get("ScaleInProtectedInstances"), sub.Get("StandbyInstances")
	for _, e := range []struct{ v, field string }{{pr.ScaleInProt, "ScaleInProtectedInstances"}, {pr.Standby, "StandbyInstances"}} {
		if e.v != "" && !contains([]string{"Refresh", "Ignore", "Wait", "Terminate"}, e.v) {
			return pr, invalid("Value '%s' at '%s' is not valid.", e.v, lowerFirst(e.field))
		}
	}
	return pr, nil
}

type startRefreshResult struct {
	InstanceRefreshID string `xml:"InstanceRefreshId"`
}

func (s *Service) startInstanceRefresh(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	if st := p.Get("Strategy"); st != "" && st != "Rolling" {
		return nil, invalid("The instance refresh strategy %s is not supported; use Rolling.", st)
	}
	pr, err := readPrefs(p)
	if err != nil {
		return nil, err
	}
	desired, hasDesired, err := templateSpec(p, "DesiredConfiguration.LaunchTemplate")
	if err != nil {
		return nil, err
	}
	if len(p.Sub("DesiredConfiguration.MixedInstancesPolicy").Values()) > 0 {
		return nil, invalid("A desired configuration with a mixed instances policy is not supported here; use a launch template.")
	}
	if err := checkVersion(desired.Version); err != nil {
		return nil, err
	}
	// Resolve the version to refresh to, outside the transaction.
	var ref TemplateRef
	if err := s.view(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err == nil {
			ref = g.template()
		}
		return err
	}); err != nil {
		return nil, err
	}
	if hasDesired {
		ref = desired
	}
	lt, ok, err := s.ec2.LaunchTemplate(r.HTTP.Context(), sc.account, sc.region, ref)
	if err != nil {
		return nil, fmt.Errorf("look up launch template: %w", err)
	}
	if !ok {
		return nil, s.checkTemplate(r.HTTP.Context(), sc, &ref)
	}
	target := TemplateRef{ID: lt.ID, Name: lt.Name, Version: strconv.FormatInt(lt.Version, 10)}
	var id string
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		if g.Status == statusDeleting {
			return invalid("The AutoScalingGroup %s is being deleted.", gname)
		}
		if g.Refresh != "" {
			return fail(codeRefreshInProgress, "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.")
		}
		rf := &refresh{ID: s.env.IDs.UUID(), Group: gname, Status: refPending, Start: t, Prefs: pr, Target: target}
		if hasDesired {
			d := desired
			rf.Desired = &d
		}
		for _, in := range g.Instances {
			if !counts(in.State) || in.Protected && pr.ScaleInProt != "Refresh" {
				continue
			}
			if pr.SkipMatching && in.Template != nil && sameTemplate(*in.Template, target) && in.Template.Version == target.Version {
				continue
			}
			rf.ToReplace = append(rf.ToReplace, in.ID)
		}
		rf.Total, rf.ToUpdate = len(rf.ToReplace), len(rf.ToReplace)
		g.RefreshSeq++
		key := seqKey(gname, g.RefreshSeq)
		if err := sc.bucket(tx, kindRefreshes).Put(key, rf); err != nil {
			return err
		}
		g.Refresh, id = key, rf.ID
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return startRefreshResult{id}, nil
}

type describeRefreshesResult struct {
	InstanceRefreshes []xRefresh `xml:"InstanceRefreshes>member"`
	NextToken         string     `xml:"NextToken,omitempty"`
}

func (s *Service) describeInstanceRefreshes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	ids := members(p, "InstanceRefreshIds")
	pg, err := readPage(p, 50, 100)
	if err != nil {
		return nil, err
	}
	var items []keyed[xRefresh]
	err = s.view(func(tx *store.Tx) error {
		return sc.bucket(tx, kindRefreshes).Scan(groupPrefix(gname), "", func(k string, raw []byte) (bool, error) {
			var rf refresh
			if err := json.Unmarshal(raw, &rf); err != nil {
				return false, fmt.Errorf("autoscaling: decode refresh %q: %w", k, err)
			}
			if len(ids) == 0 || contains(ids, rf.ID) {
				items = append(items, keyed[xRefresh]{invertKey(k), rf.view()})
			}
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	out, next := pageOf(items, pg)
	return describeRefreshesResult{InstanceRefreshes: out, NextToken: next}, nil
}

func (s *Service) cancelInstanceRefresh(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	var id string
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		b := sc.bucket(tx, kindRefreshes)
		var rf refresh
		ok := false
		if g.Refresh != "" {
			if ok, err = b.Get(g.Refresh, &rf); err != nil {
				return err
			}
		}
		if !ok || rf.Status != refPending && rf.Status != refInProgress {
			return fail(codeNoActiveRefresh, "No in progress or pending Instance Refresh found for Auto Scaling group %s", gname)
		}
		rf.Status, id = refCancelling, rf.ID
		return b.Put(g.Refresh, &rf)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return startRefreshResult{id}, nil
}

// endRefresh ends g's unfinished refresh, if any, with status.
func (s *Service) endRefresh(tx *store.Tx, sc scope, g *group, status, reason string, t time.Time) error {
	if g.Refresh == "" {
		return nil
	}
	key := g.Refresh
	g.Refresh = ""
	b := sc.bucket(tx, kindRefreshes)
	var rf refresh
	ok, err := b.Get(key, &rf)
	if err != nil || !ok {
		return err
	}
	rf.Status, rf.StatusReason, rf.End = status, reason, t
	return b.Put(key, &rf)
}
