package route53

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xGetChangeResponse struct {
	XMLName    xml.Name    `xml:"GetChangeResponse"`
	Xmlns      string      `xml:"xmlns,attr"`
	ChangeInfo xChangeInfo `xml:"ChangeInfo"`
}

// newChange records a change submitted at now.
func (s *Service) newChange(tx *store.Tx, account string, now time.Time, comment string) (change, error) {
	b := changesBucket(tx, account)
	id := ""
	for id == "" || b.Has(id) {
		id = "C" + s.env.IDs.Upper(20)
	}
	ch := change{ID: id, Submitted: now, Comment: comment}
	return ch, b.Put(id, ch)
}

func (s *Service) getChange(c *call) (*reply, error) {
	if c.id == "" || len(c.id) > 6500 {
		return nil, invalidInput("1 validation error detected: Value at 'id' failed to satisfy constraint: Member must have length between 1 and 6500")
	}
	var (
		ch    change
		found bool
	)
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		ch, found, err = store.Get[change](changesBucket(tx, c.Account()), c.id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, noSuchChange(c.id)
	}
	return respond(xGetChangeResponse{Xmlns: xmlns, ChangeInfo: s.changeView(ch, c.Now)})
}

func decodeSet(raw []byte) (rrset, error) {
	var set rrset
	if err := json.Unmarshal(raw, &set); err != nil {
		return rrset{}, fmt.Errorf("route53: decode record set: %w", err)
	}
	return set, nil
}
