/**
 * What the windows and the tray share: the drive list view-model, the actions interface they
 * delegate to, FXML loading, and the {@link io.cloudmount.app.ui.common.Tasks} builder for work that
 * must stay off the FX thread.
 */
package io.cloudmount.app.ui.common;
