package elbv2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// accountLimits are AWS's default ELBv2 quotas, in the order
// DescribeAccountLimits lists them.
var accountLimits = []struct {
	name string
	max  int
}{
	{"application-load-balancers", maxLoadBalancers},
	{"condition-values-per-alb-rule", 5},
	{"condition-wildcards-per-alb-rule", 5},
	{"gateway-load-balancers", 100},
	{"gateway-load-balancers-per-vpc", 100},
	{"geneve-target-groups", 100},
	{"listeners-per-application-load-balancer", maxListenersPerLB},
	{"listeners-per-network-load-balancer", maxListenersPerLB},
	{"network-load-balancer-enis-per-vpc", 1200},
	{"network-load-balancers", maxLoadBalancers},
	{"rules-per-application-load-balancer", 100},
	{"target-groups", maxTargetGroups},
	{"target-groups-per-action-on-application-load-balancer", 5},
	{"target-groups-per-action-on-network-load-balancer", 1},
	{"target-groups-per-application-load-balancer", 100},
	{"targets-per-application-load-balancer", maxTargetsPerGroup},
	{"targets-per-availability-zone-per-gateway-load-balancer", 300},
	{"targets-per-availability-zone-per-network-load-balancer", 500},
	{"targets-per-network-load-balancer", 3000},
}

type limitXML struct {
	Name string `xml:"Name"`
	Max  string `xml:"Max"`
}

type accountLimitsResult struct {
	Limits     members[limitXML] `xml:"Limits"`
	NextMarker string            `xml:"NextMarker,omitempty"`
}

func (s *Service) describeAccountLimits(_ *awsapi.Request, p awsapi.Params) (any, error) {
	pg, err := readPage(p)
	if err != nil {
		return nil, err
	}
	items := make([]keyed[limitXML], 0, len(accountLimits))
	for _, l := range accountLimits {
		items = append(items, keyed[limitXML]{l.name, limitXML{l.name, strconv.Itoa(l.max)}})
	}
	limits, next := pageOf(items, pg)
	return accountLimitsResult{Limits: members[limitXML](limits), NextMarker: next}, nil
}
