const { tracker } = getApp();

// trackedPage records a `page_view` (url: this page's route, title: below) on every onShow, and an
// `mp_share` when the page is shared to a chat or to Moments.
Page(
  tracker.trackedPage(
    {
      data: { added: 0 },
      onShow() {},
      onAddToCart() {
        this.setData({ added: this.data.added + 1 });
        // A custom event, defined in the collector as in the README's walkthrough:
        // cl_product (text, required) and cl_count (number).
        tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_count: 1 }, { tags: ['shoes'] });
      },
      onShareAppMessage() {
        return { title: 'Look at these shoes', path: '/pages/index/index?from=share' };
      },
    },
    { title: 'Home' },
  ),
);
