package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type eniXML struct {
	ID               string                 `xml:"networkInterfaceId"`
	SubnetID         string                 `xml:"subnetId"`
	VpcID            string                 `xml:"vpcId"`
	AZ               string                 `xml:"availabilityZone"`
	AZID             string                 `xml:"availabilityZoneId"`
	Description      string                 `xml:"description"`
	OwnerID          string                 `xml:"ownerId"`
	RequesterID      string                 `xml:"requesterId,omitempty"`
	RequesterManaged bool                   `xml:"requesterManaged"`
	Status           string                 `xml:"status"`
	MacAddress       string                 `xml:"macAddress"`
	PrivateIP        string                 `xml:"privateIpAddress"`
	PrivateDNS       string                 `xml:"privateDnsName"`
	SourceDestCheck  bool                   `xml:"sourceDestCheck"`
	Groups           items[groupIdentifier] `xml:"groupSet"`
	Attachment       *eniAttachmentXML      `xml:"attachment,omitempty"`
	Association      *eniAssociationXML     `xml:"association,omitempty"`
	Tags             tagsXML                `xml:"tagSet"`
	PrivateIPs       items[eniPrivateIPXML] `xml:"privateIpAddressesSet"`
	IPv6Addresses    items[struct{}]        `xml:"ipv6AddressesSet"`
	InterfaceType    string                 `xml:"interfaceType"`
}

// groupIdentifier names a security group in a groupSet.
type groupIdentifier struct {
	GroupID   string `xml:"groupId"`
	GroupName string `xml:"groupName"`
}

type eniAttachmentXML struct {
	AttachmentID        string `xml:"attachmentId"`
	InstanceID          string `xml:"instanceId"`
	InstanceOwnerID     string `xml:"instanceOwnerId"`
	DeviceIndex         int    `xml:"deviceIndex"`
	NetworkCardIndex    int    `xml:"networkCardIndex"`
	Status              string `xml:"status"`
	AttachTime          string `xml:"attachTime"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

type eniAssociationXML struct {
	PublicIP      string `xml:"publicIp"`
	PublicDNSName string `xml:"publicDnsName"`
	IPOwnerID     string `xml:"ipOwnerId"`
	AllocationID  string `xml:"allocationId,omitempty"`
	AssociationID string `xml:"associationId,omitempty"`
}

type eniPrivateIPXML struct {
	PrivateIP   string             `xml:"privateIpAddress"`
	PrivateDNS  string             `xml:"privateDnsName"`
	Primary     bool               `xml:"primary"`
	Association *eniAssociationXML `xml:"association,omitempty"`
}

func (e *networkInterface) status() string {
	if e.Attachment != nil || e.RequesterManaged {
		return "in-use"
	}
	return "available"
}

// groupIdentifiers names security groups by ID.
func groupIdentifiers(tx *store.Tx, sc scope, ids []string) ([]groupIdentifier, error) {
	out := make([]groupIdentifier, 0, len(ids))
	for _, id := range ids {
		g, ok, err := securityGroups.find(tx, sc, id)
		if err != nil {
			return nil, err
		}
		name := ""
		if ok {
			name = g.Name
		}
		out = append(out, groupIdentifier{id, name})
	}
	return out, nil
}

func (s *Service) eniXML(tx *store.Tx, sc scope, e *networkInterface) (eniXML, error) {
	groups, err := groupIdentifiers(tx, sc, e.Groups)
	if err != nil {
		return eniXML{}, err
	}
	x := eniXML{
		ID: e.ID, SubnetID: e.SubnetID, VpcID: e.VpcID, AZ: e.AZ, AZID: e.AZID, Description: e.Description,
		OwnerID: e.OwnerID, RequesterID: e.RequesterID, RequesterManaged: e.RequesterManaged, Status: e.status(),
		MacAddress: e.MacAddress, PrivateIP: e.PrivateIP, PrivateDNS: privateDNSName(sc.region, e.PrivateIP),
		SourceDestCheck: e.SourceDestCheck, Groups: itemsOf(groups), Tags: tagSet(e.Tags), InterfaceType: e.InterfaceType,
	}
	if a := e.Attachment; a != nil {
		x.Attachment = &eniAttachmentXML{a.ID, a.InstanceID, a.InstanceOwnerID, a.DeviceIndex, 0, a.Status, timestamp(a.AttachTime), a.DeleteOnTermination}
	}
	if a := e.Association; a != nil {
		x.Association = &eniAssociationXML{a.PublicIP, publicDNSName(sc.region, a.PublicIP), a.IPOwnerID, a.AllocationID, a.AssociationID}
	}
	ips := []eniPrivateIPXML{{PrivateIP: e.PrivateIP, PrivateDNS: x.PrivateDNS, Primary: true, Association: x.Association}}
	for _, ip := range e.SecondaryIPs {
		ips = append(ips, eniPrivateIPXML{PrivateIP: ip, PrivateDNS: privateDNSName(sc.region, ip)})
	}
	x.PrivateIPs = itemsOf(ips)
	return x, nil
}

func eniAttachmentField(f func(*eniAttachment) string) func(*networkInterface) []string {
	return func(e *networkInterface) []string {
		if e.Attachment == nil {
			return nil
		}
		return one(f(e.Attachment))
	}
}

func eniAssociationField(f func(*eniAssociation) string) func(*networkInterface) []string {
	return func(e *networkInterface) []string {
		if e.Association == nil {
			return nil
		}
		return one(f(e.Association))
	}
}

func eniFilters(tx *store.Tx, sc scope) filterSpec[*networkInterface] {
	addresses := func(e *networkInterface) []string { return append([]string{e.PrivateIP}, e.SecondaryIPs...) }
	groupNames := func(e *networkInterface) []string {
		ids, _ := groupIdentifiers(tx, sc, e.Groups)
		var out []string
		for _, g := range ids {
			out = append(out, g.GroupName)
		}
		return out
	}
	return filterSpec[*networkInterface]{
		"network-interface-id":         func(e *networkInterface) []string { return one(e.ID) },
		"subnet-id":                    func(e *networkInterface) []string { return one(e.SubnetID) },
		"vpc-id":                       func(e *networkInterface) []string { return one(e.VpcID) },
		"availability-zone":            func(e *networkInterface) []string { return one(e.AZ) },
		"description":                  func(e *networkInterface) []string { return one(e.Description) },
		"group-id":                     func(e *networkInterface) []string { return e.Groups },
		"group-name":                   groupNames,
		"interface-type":               func(e *networkInterface) []string { return one(e.InterfaceType) },
		"mac-address":                  func(e *networkInterface) []string { return one(e.MacAddress) },
		"owner-id":                     func(e *networkInterface) []string { return one(e.OwnerID) },
		"private-ip-address":           addresses,
		"addresses.private-ip-address": addresses,
		"private-dns-name":             func(e *networkInterface) []string { return one(privateDNSName(sc.region, e.PrivateIP)) },
		"requester-id":                 func(e *networkInterface) []string { return one(e.RequesterID) },
		"requester-managed":            func(e *networkInterface) []string { return boolStr(e.RequesterManaged) },
		"source-dest-check":            func(e *networkInterface) []string { return boolStr(e.SourceDestCheck) },
		"status":                       func(e *networkInterface) []string { return one(e.status()) },
		"attachment.attachment-id":     eniAttachmentField(func(a *eniAttachment) string { return a.ID }),
		"attachment.instance-id":       eniAttachmentField(func(a *eniAttachment) string { return a.InstanceID }),
		"attachment.instance-owner-id": eniAttachmentField(func(a *eniAttachment) string { return a.InstanceOwnerID }),
		"attachment.status":            eniAttachmentField(func(a *eniAttachment) string { return a.Status }),
		"attachment.device-index":      eniAttachmentField(func(a *eniAttachment) string { return intStr(a.DeviceIndex)[0] }),
		"association.public-ip":        eniAssociationField(func(a *eniAssociation) string { return a.PublicIP }),
		"association.allocation-id":    eniAssociationField(func(a *eniAssociation) string { return a.AllocationID }),
		"association.association-id":   eniAssociationField(func(a *eniAssociation) string { return a.AssociationID }),
		"association.ip-owner-id":      eniAssociationField(func(a *eniAssociation) string { return a.IPOwnerID }),
	}
}

func (s *Service) describeNetworkInterfaces(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("NetworkInterfaceId")
	pg, err := parsePage(p, pageLimits{min: 5, max: 1000, idsParam: "networkInterfaceIdSet"}, ids)
	if err != nil {
		return nil, err
	}
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var out []eniXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		match, err := compileFilters(fs, eniFilters(tx, sc), recordTags[*networkInterface])
		if err != nil {
			return err
		}
		found, n, err := enis.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, e := range found {
			x, err := s.eniXML(tx, sc, e)
			if err != nil {
				return err
			}
			out = append(out, x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Interfaces items[eniXML] `xml:"networkInterfaceSet"`
		NextToken  string        `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
