import { Component, type ComponentChildren } from 'preact';

/**
 * Draws its children again only when `k` (what they show, as text) changed: an answer redraws the parts
 * it changed, not every open position and policy line of the card. The children must depend on nothing
 * but what `k` names (callbacks they hold are the overlay's own, which never change).
 */
export class Same extends Component<{ k: string; children: ComponentChildren }> {
  override shouldComponentUpdate(next: { k: string }): boolean {
    return next.k !== this.props.k;
  }

  render(): ComponentChildren {
    return this.props.children;
  }
}
