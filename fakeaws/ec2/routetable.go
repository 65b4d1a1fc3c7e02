package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type routeTable struct {
	base
	OwnerID string    `json:"owner"`
	VpcID   string    `json:"vpc"`
	Routes  []route   `json:"routes"`
	Assocs  []rtAssoc `json:"assocs,omitempty"`
}

// route is one route; exactly one destination and one target are set.
type route struct {
	Dest             string `json:"dest,omitempty"`
	Dest6            string `json:"dest6,omitempty"`
	DestPrefixList   string `json:"destPl,omitempty"`
	GatewayID        string `json:"gw,omitempty"` // igw-…, or "local"
	NatGatewayID     string `json:"nat,omitempty"`
	InstanceID       string `json:"instance,omitempty"`
	ENIID            string `json:"eni,omitempty"`
	VpcPeeringID     string `json:"pcx,omitempty"`
	TransitGatewayID string `json:"tgw,omitempty"`
	EgressOnlyIGWID  string `json:"eigw,omitempty"`
	Origin           string `json:"origin"`
}

// rtAssoc associates a table with a subnet or a gateway, or makes it the
// VPC's main table.
type rtAssoc struct {
	ID        string `json:"id"`
	SubnetID  string `json:"subnet,omitempty"`
	GatewayID string `json:"gw,omitempty"`
	Main      bool   `json:"main,omitempty"`
}

var routeTables = &table[routeTable, *routeTable]{
	kind: "routetables", prefix: "rtb", resourceType: "route-table", noun: "routeTable",
	notFoundCode: "InvalidRouteTableID.NotFound", malformedCode: "InvalidRouteTableId.Malformed",
}

func (r route) destination() string {
	switch {
	case r.Dest != "":
		return r.Dest
	case r.Dest6 != "":
		return r.Dest6
	}
	return r.DestPrefixList
}

func (t *routeTable) dropSubnet(subnetID string) bool {
	kept := t.Assocs[:0]
	for _, a := range t.Assocs {
		if a.SubnetID != subnetID {
			kept = append(kept, a)
		}
	}
	changed := len(kept) != len(t.Assocs)
	t.Assocs = kept
	return changed
}

// routeActions are the calls of route tables and routes.
func (s *Service) routeActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateRouteTable":             s.createRouteTable,
		"DeleteRouteTable":             s.deleteRouteTable,
		"DescribeRouteTables":          s.describeRouteTables,
		"CreateRoute":                  s.createRoute,
		"ReplaceRoute":                 s.replaceRoute,
		"DeleteRoute":                  s.deleteRoute,
		"AssociateRouteTable":          s.associateRouteTable,
		"DisassociateRouteTable":       s.disassociateRouteTable,
		"ReplaceRouteTableAssociation": s.replaceRouteTableAssociation,
	}
}

func newRouteTable(s *Service, sc scope, v *vpc, tags []Tag) *routeTable {
	return &routeTable{
		base: base{ID: s.newID("rtb"), Tags: tags}, OwnerID: sc.account, VpcID: v.ID,
		Routes: []route{{Dest: v.CidrBlock, GatewayID: "local", Origin: "CreateRouteTable"}},
	}
}

func (s *Service) createMainRouteTable(tx *store.Tx, sc scope, v *vpc) (string, error) {
	t := newRouteTable(s, sc, v, nil)
	t.Assocs = []rtAssoc{{ID: s.newID("rtbassoc"), Main: true}}
	return t.ID, routeTables.put(tx, sc, t)
}

func (s *Service) createRouteTable(r *awsapi.Request, p awsapi.Params) (any, error) {
	vpcID, err := required(p, "VpcId")
	if err != nil {
		return nil, err
	}
	tags, err := tagSpecs(p, "route-table")
	if err != nil {
		return nil, err
	}
	var x routeTableXML
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		v, err := vpcs.get(tx, sc, vpcID)
		if err != nil {
			return err
		}
		t := newRouteTable(s, sc, v, tags)
		if err := routeTables.put(tx, sc, t); err != nil {
			return err
		}
		x, err = s.routeTableXML(tx, sc, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	return struct {
		RouteTable routeTableXML `xml:"routeTable"`
	}{x}, nil
}

func (s *Service) deleteRouteTable(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "RouteTableId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		t, err := routeTables.get(tx, sc, id)
		if err != nil {
			return err
		}
		if len(t.Assocs) > 0 {
			return dependencyViolation("routeTable", id)
		}
		return routeTables.remove(tx, sc, id)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

type routeTableXML struct {
	ID      string            `xml:"routeTableId"`
	VpcID   string            `xml:"vpcId"`
	OwnerID string            `xml:"ownerId"`
	Routes  items[routeXML]   `xml:"routeSet"`
	Assocs  items[rtAssocXML] `xml:"associationSet"`
	Vgws    items[struct{}]   `xml:"propagatingVgwSet"`
	Tags    tagsXML           `xml:"tagSet"`
}

type routeXML struct {
	Dest             string `xml:"destinationCidrBlock,omitempty"`
	Dest6            string `xml:"destinationIpv6CidrBlock,omitempty"`
	DestPrefixList   string `xml:"destinationPrefixListId,omitempty"`
	GatewayID        string `xml:"gatewayId,omitempty"`
	NatGatewayID     string `xml:"natGatewayId,omitempty"`
	InstanceID       string `xml:"instanceId,omitempty"`
	InstanceOwnerID  string `xml:"instanceOwnerId,omitempty"`
	ENIID            string `xml:"networkInterfaceId,omitempty"`
	VpcPeeringID     string `xml:"vpcPeeringConnectionId,omitempty"`
	TransitGatewayID string `xml:"transitGatewayId,omitempty"`
	EgressOnlyIGWID  string `xml:"egressOnlyInternetGatewayId,omitempty"`
	Origin           string `xml:"origin"`
	State            string `xml:"state"`
}

type rtAssocXML struct {
	ID           string         `xml:"routeTableAssociationId"`
	RouteTableID string         `xml:"routeTableId"`
	SubnetID     string         `xml:"subnetId,omitempty"`
	GatewayID    string         `xml:"gatewayId,omitempty"`
	Main         bool           `xml:"main"`
	State        cidrBlockState `xml:"associationState"`
}

func (s *Service) routeTableXML(tx *store.Tx, sc scope, t *routeTable) (routeTableXML, error) {
	routes := make([]routeXML, len(t.Routes))
	for i, rt := range t.Routes {
		state, err := s.routeState(tx, sc, t, rt)
		if err != nil {
			return routeTableXML{}, err
		}
		x := routeXML{
			Dest: rt.Dest, Dest6: rt.Dest6, DestPrefixList: rt.DestPrefixList, GatewayID: rt.GatewayID,
			NatGatewayID: rt.NatGatewayID, InstanceID: rt.InstanceID, ENIID: rt.ENIID, VpcPeeringID: rt.VpcPeeringID,
			TransitGatewayID: rt.TransitGatewayID, EgressOnlyIGWID: rt.EgressOnlyIGWID, Origin: rt.Origin, State: state,
		}
		if rt.InstanceID != "" {
			x.InstanceOwnerID = sc.account
		}
		routes[i] = x
	}
	assocs := make([]rtAssocXML, len(t.Assocs))
	for i, a := range t.Assocs {
		assocs[i] = rtAssocXML{a.ID, t.ID, a.SubnetID, a.GatewayID, a.Main, cidrBlockState{"associated"}}
	}
	return routeTableXML{
		ID: t.ID, VpcID: t.VpcID, OwnerID: t.OwnerID, Routes: itemsOf(routes), Assocs: itemsOf(assocs), Tags: tagSet(t.Tags),
	}, nil
}

func rtAssocField(f func(rtAssoc) string) func(*routeTable) []string {
	return func(t *routeTable) []string {
		var out []string
		for _, a := range t.Assocs {
			if v := f(a); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
}

func (s *Service) routeTableFilters(tx *store.Tx, sc scope) filterSpec[*routeTable] {
	routeField := func(f func(route) string) func(*routeTable) []string {
		return func(t *routeTable) []string {
			var out []string
			for _, rt := range t.Routes {
				if v := f(rt); v != "" {
					out = append(out, v)
				}
			}
			return out
		}
	}
	return filterSpec[*routeTable]{
		"route-table-id":                         func(t *routeTable) []string { return one(t.ID) },
		"vpc-id":                                 func(t *routeTable) []string { return one(t.VpcID) },
		"owner-id":                               func(t *routeTable) []string { return one(t.OwnerID) },
		"association.route-table-association-id": rtAssocField(func(a rtAssoc) string { return a.ID }),
		"association.route-table-id": func(t *routeTable) []string {
			return rtAssocField(func(rtAssoc) string { return t.ID })(t)
		},
		"association.subnet-id":  rtAssocField(func(a rtAssoc) string { return a.SubnetID }),
		"association.gateway-id": rtAssocField(func(a rtAssoc) string { return a.GatewayID }),
		// One value per association, so that main=false matches only
		// tables with a non-main association, as in EC2.
		"association.main":                      rtAssocField(func(a rtAssoc) string { return boolStr(a.Main)[0] }),
		"route.destination-cidr-block":          routeField(func(r route) string { return r.Dest }),
		"route.destination-ipv6-cidr-block":     routeField(func(r route) string { return r.Dest6 }),
		"route.destination-prefix-list-id":      routeField(func(r route) string { return r.DestPrefixList }),
		"route.gateway-id":                      routeField(func(r route) string { return r.GatewayID }),
		"route.nat-gateway-id":                  routeField(func(r route) string { return r.NatGatewayID }),
		"route.instance-id":                     routeField(func(r route) string { return r.InstanceID }),
		"route.vpc-peering-connection-id":       routeField(func(r route) string { return r.VpcPeeringID }),
		"route.transit-gateway-id":              routeField(func(r route) string { return r.TransitGatewayID }),
		"route.egress-only-internet-gateway-id": routeField(func(r route) string { return r.EgressOnlyIGWID }),
		"route.origin":                          routeField(func(r route) string { return r.Origin }),
		"route.state": func(t *routeTable) []string {
			var out []string
			for _, rt := range t.Routes {
				if st, err := s.routeState(tx, sc, t, rt); err == nil {
					out = append(out, st)
				}
			}
			return out
		},
	}
}

func (s *Service) describeRouteTables(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("RouteTableId")
	pg, err := parsePage(p, limits100, ids)
	if err != nil {
		return nil, err
	}
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var out []routeTableXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		match, err := compileFilters(fs, s.routeTableFilters(tx, sc), recordTags[*routeTable])
		if err != nil {
			return err
		}
		found, n, err := routeTables.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, t := range found {
			x, err := s.routeTableXML(tx, sc, t)
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
		RouteTables items[routeTableXML] `xml:"routeTableSet"`
		NextToken   string               `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
