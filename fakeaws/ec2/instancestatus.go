package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type instanceStatusXML struct {
	InstanceID string          `xml:"instanceId"`
	AZ         string          `xml:"availabilityZone"`
	AZID       string          `xml:"availabilityZoneId"`
	State      stateXML        `xml:"instanceState"`
	System     statusSummary   `xml:"systemStatus"`
	Instance   statusSummary   `xml:"instanceStatus"`
	EBS        statusSummary   `xml:"attachedEbsStatus"`
	Events     items[struct{}] `xml:"eventsSet"`
}

type statusSummary struct {
	Status  string                 `xml:"status"`
	Details items[statusDetailXML] `xml:"details"`
}

type statusDetailXML struct {
	Name   string `xml:"name"`
	Status string `xml:"status"`
}

func summary(status string) statusSummary {
	detail := map[string]string{"ok": "passed", "impaired": "failed", "initializing": "initializing", "not-applicable": "not-applicable"}[status]
	return statusSummary{status, itemsOf([]statusDetailXML{{"reachability", detail}})}
}

// checkStatus is the status checks' verdict on an instance: initializing
// for a boot delay after it starts running, then ok — or impaired when a
// runtime that knows it reports it unhealthy.
func (s *Service) checkStatus(sc scope, x *instance) string {
	switch {
	case x.State != stateRunning:
		return "not-applicable"
	case !s.healthy(x.ID):
		return "impaired"
	case sc.now.Before(x.StateSince.Add(s.cfg.InstanceBootDelay)):
		return "initializing"
	}
	return "ok"
}

func (s *Service) statusXML(sc scope, x *instance) instanceStatusXML {
	st := summary(s.checkStatus(sc, x))
	return instanceStatusXML{x.ID, x.AZ, x.AZID, stateOf(x.State), st, st, st, items[struct{}]{}}
}

func statusFilters(s *Service, sc scope) filterSpec[*instance] {
	status := func(x *instance) []string { return one(s.checkStatus(sc, x)) }
	detail := func(x *instance) []string { return one(summary(s.checkStatus(sc, x)).Details.Item[0].Status) }
	return filterSpec[*instance]{
		"availability-zone":                func(x *instance) []string { return one(x.AZ) },
		"instance-state-name":              func(x *instance) []string { return one(x.State) },
		"instance-state-code":              func(x *instance) []string { return intStr(stateCodes[x.State]) },
		"system-status.status":             status,
		"instance-status.status":           status,
		"system-status.reachability":       detail,
		"instance-status.reachability":     detail,
		"attached-ebs-status.status":       status,
		"attached-ebs-status.reachability": detail,
	}
}

func (s *Service) describeInstanceStatus(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("InstanceId")
	pg, err := parsePage(p, pageLimits{min: 5, max: 1000, idsParam: "instanceIds"}, ids)
	if err != nil {
		return nil, err
	}
	all, err := boolParam(p, "IncludeAllInstances", false)
	if err != nil {
		return nil, err
	}
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var (
		out  []instanceStatusXML
		next string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		match, err := compileFilters(fs, statusFilters(s, sc), nil)
		if err != nil {
			return err
		}
		keep := func(x *instance) bool {
			return (all || x.State == stateRunning) && (match == nil || match(x))
		}
		found, n, err := instances.describe(tx, sc, ids, keep, pg)
		if err != nil {
			return err
		}
		next = n
		for _, x := range found {
			out = append(out, s.statusXML(sc, x))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Statuses  items[instanceStatusXML] `xml:"instanceStatusSet"`
		NextToken string                   `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
