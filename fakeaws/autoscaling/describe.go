package autoscaling

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type describeGroupsResult struct {
	AutoScalingGroups []xGroup `xml:"AutoScalingGroups>member"`
	NextToken         string   `xml:"NextToken,omitempty"`
}

// matchGroup reports whether g passes every filter: tag:KEY, tag-key and
// tag-value; values of one filter are alternatives.
func matchGroup(g *group, fs []filter) bool {
	for _, f := range fs {
		match := false
		for _, t := range g.Tags {
			switch {
			case strings.HasPrefix(f.Name, "tag:"):
				match = match || t.Key == f.Name[4:] && contains(f.Values, t.Value)
			case f.Name == "tag-key":
				match = match || contains(f.Values, t.Key)
			case f.Name == "tag-value":
				match = match || contains(f.Values, t.Value)
			}
		}
		if !match {
			return false
		}
	}
	return true
}

func checkGroupFilters(fs []filter) error {
	for _, f := range fs {
		if !strings.HasPrefix(f.Name, "tag:") && f.Name != "tag-key" && f.Name != "tag-value" {
			return errFilter(f.Name)
		}
	}
	return nil
}

func errFilter(n string) error {
	return invalid("Filter type %s is not correct. Allowed Filter types are: tag-key tag-value tag:<key>", n)
}

func (s *Service) describeAutoScalingGroups(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	names := members(p, "AutoScalingGroupNames")
	fs := filters(p)
	if err := checkGroupFilters(fs); err != nil {
		return nil, err
	}
	withInstances, err := boolParam(p, "IncludeInstances", true)
	if err != nil {
		return nil, err
	}
	pg, err := readPage(p, 50, 100)
	if err != nil {
		return nil, err
	}
	var items []keyed[xGroup]
	err = s.view(func(tx *store.Tx) error {
		return sc.bucket(tx, kindGroups).Scan("", "", func(k string, raw []byte) (bool, error) {
			if len(names) > 0 && !contains(names, k) {
				return true, nil
			}
			var g group
			if err := json.Unmarshal(raw, &g); err != nil {
				return false, fmt.Errorf("autoscaling: decode group %q: %w", k, err)
			}
			if !matchGroup(&g, fs) {
				return true, nil
			}
			items = append(items, keyed[xGroup]{k, g.view(withInstances)})
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	out, next := pageOf(items, pg)
	return describeGroupsResult{AutoScalingGroups: out, NextToken: next}, nil
}

type describeInstancesResult struct {
	AutoScalingInstances []xInstanceDetails `xml:"AutoScalingInstances>member"`
	NextToken            string             `xml:"NextToken,omitempty"`
}

func (s *Service) describeAutoScalingInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	ids := members(p, "InstanceIds")
	pg, err := readPage(p, 50, 50)
	if err != nil {
		return nil, err
	}
	var items []keyed[xInstanceDetails]
	err = s.view(func(tx *store.Tx) error {
		groups := map[string]*group{}
		return sc.bucket(tx, kindInstances).Scan("", "", func(id string, raw []byte) (bool, error) {
			if len(ids) > 0 && !contains(ids, id) {
				return true, nil
			}
			var gname string
			if err := json.Unmarshal(raw, &gname); err != nil {
				return false, fmt.Errorf("autoscaling: decode instance %q: %w", id, err)
			}
			g, ok := groups[gname]
			if !ok {
				var err error
				if g, _, err = loadGroup(tx, sc, gname); err != nil {
					return false, err
				}
				groups[gname] = g
			}
			if g == nil {
				return true, nil
			}
			if in := g.instance(id); in != nil {
				items = append(items, keyed[xInstanceDetails]{id, in.details(g.Name)})
			}
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	out, next := pageOf(items, pg)
	return describeInstancesResult{AutoScalingInstances: out, NextToken: next}, nil
}

type accountLimitsResult struct {
	MaxNumberOfAutoScalingGroups    int `xml:"MaxNumberOfAutoScalingGroups"`
	MaxNumberOfLaunchConfigurations int `xml:"MaxNumberOfLaunchConfigurations"`
	NumberOfAutoScalingGroups       int `xml:"NumberOfAutoScalingGroups"`
	NumberOfLaunchConfigurations    int `xml:"NumberOfLaunchConfigurations"`
}

func (s *Service) describeAccountLimits(r *awsapi.Request, _ awsapi.Params) (any, error) {
	sc := scopeOf(r)
	res := accountLimitsResult{MaxNumberOfAutoScalingGroups: s.cfg.MaxGroups, MaxNumberOfLaunchConfigurations: 200}
	err := s.view(func(tx *store.Tx) error {
		var err error
		res.NumberOfAutoScalingGroups, err = sc.bucket(tx, kindGroups).Count("")
		return err
	})
	return res, err
}

// processes are the scaling processes that can be suspended.
var processes = []string{"AZRebalance", "AddToLoadBalancer", "AlarmNotification", "HealthCheck", "InstanceRefresh", "Launch", "ReplaceUnhealthy", "ScheduledActions", "Terminate"}

type processTypesResult struct {
	Processes []struct {
		ProcessName string `xml:"ProcessName"`
	} `xml:"Processes>member"`
}

func (s *Service) describeScalingProcessTypes(*awsapi.Request, awsapi.Params) (any, error) {
	var res processTypesResult
	for _, p := range processes {
		res.Processes = append(res.Processes, struct {
			ProcessName string `xml:"ProcessName"`
		}{p})
	}
	return res, nil
}

type terminationPolicyTypesResult struct {
	TerminationPolicyTypes []string `xml:"TerminationPolicyTypes>member"`
}

func (s *Service) describeTerminationPolicyTypes(*awsapi.Request, awsapi.Params) (any, error) {
	return terminationPolicyTypesResult{[]string{"AllocationStrategy", "ClosestToNextInstanceHour", "Default", "NewestInstance", "OldestInstance", "OldestLaunchConfiguration", "OldestLaunchTemplate"}}, nil
}

// groupMetrics are the metrics EnableMetricsCollection knows.
var groupMetrics = []string{
	"GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
	"GroupStandbyInstances", "GroupTerminatingInstances", "GroupTotalInstances", "GroupInServiceCapacity",
	"GroupPendingCapacity", "GroupStandbyCapacity", "GroupTerminatingCapacity", "GroupTotalCapacity",
}

type metricTypesResult struct {
	Metrics []struct {
		Metric string `xml:"Metric"`
	} `xml:"Metrics>member"`
	Granularities []struct {
		Granularity string `xml:"Granularity"`
	} `xml:"Granularities>member"`
}

func (s *Service) describeMetricCollectionTypes(*awsapi.Request, awsapi.Params) (any, error) {
	var res metricTypesResult
	for _, m := range groupMetrics {
		res.Metrics = append(res.Metrics, struct {
			Metric string `xml:"Metric"`
		}{m})
	}
	res.Granularities = append(res.Granularities, struct {
		Granularity string `xml:"Granularity"`
	}{"1Minute"})
	return res, nil
}
