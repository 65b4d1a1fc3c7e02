package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type natGatewayXML struct {
	ID               string               `xml:"natGatewayId"`
	SubnetID         string               `xml:"subnetId"`
	VpcID            string               `xml:"vpcId"`
	State            string               `xml:"state"`
	ConnectivityType string               `xml:"connectivityType"`
	CreateTime       string               `xml:"createTime"`
	DeleteTime       string               `xml:"deleteTime,omitempty"`
	FailureCode      string               `xml:"failureCode,omitempty"`
	FailureMessage   string               `xml:"failureMessage,omitempty"`
	Addresses        items[natAddressXML] `xml:"natGatewayAddressSet"`
	Tags             tagsXML              `xml:"tagSet"`
}

type natAddressXML struct {
	AllocationID  string `xml:"allocationId,omitempty"`
	ENIID         string `xml:"networkInterfaceId"`
	PrivateIP     string `xml:"privateIp"`
	PublicIP      string `xml:"publicIp,omitempty"`
	AssociationID string `xml:"associationId,omitempty"`
	IsPrimary     bool   `xml:"isPrimary"`
	Status        string `xml:"status"`
}

func (n *natGateway) xml() natGatewayXML {
	status := "succeeded"
	switch n.State {
	case natPending:
		status = "associating"
	case natDeleting:
		status = "disassociating"
	case natFailed:
		status = "failed"
	}
	return natGatewayXML{
		ID: n.ID, SubnetID: n.SubnetID, VpcID: n.VpcID, State: n.State, ConnectivityType: n.ConnectivityType,
		CreateTime: timestamp(n.Created), DeleteTime: timestamp(n.Deleted),
		FailureCode: n.FailureCode, FailureMessage: n.FailureMessage,
		Addresses: itemsOf([]natAddressXML{{
			AllocationID: n.AllocationID, ENIID: n.ENIID, PrivateIP: n.PrivateIP, PublicIP: n.PublicIP,
			AssociationID: n.AssociationID, IsPrimary: true, Status: status,
		}}),
		Tags: tagSet(n.Tags),
	}
}

var natFilters = filterSpec[*natGateway]{
	"nat-gateway-id": func(n *natGateway) []string { return one(n.ID) },
	"state":          func(n *natGateway) []string { return one(n.State) },
	"subnet-id":      func(n *natGateway) []string { return one(n.SubnetID) },
	"vpc-id":         func(n *natGateway) []string { return one(n.VpcID) },
}

func (s *Service) describeNatGateways(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("NatGatewayId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, natFilters, recordTags[*natGateway])
	if err != nil {
		return nil, err
	}
	var (
		found []*natGateway
		next  string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, next, err = natGateways.describe(tx, sc, ids, match, pg)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]natGatewayXML, len(found))
	for i, n := range found {
		out[i] = n.xml()
	}
	return struct {
		NatGateways items[natGatewayXML] `xml:"natGatewaySet"`
		NextToken   string               `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
